import Testing
import X12

@Suite("Delimiters from the ISA")
struct X12DelimitersTests {
    @Test func starTildeGreaterThanWithCRLFAfterEachTerminator() throws {
        let interchange = try X12TestFiles.fixture("850-star-tilde-crlf.edi")
        #expect(interchange.delimiters == X12Delimiters(
            elementSeparator: "*", componentSeparator: ">", repetitionSeparator: nil, segmentTerminator: "~",
            terminatorSuffix: "\r\n"))
        #expect(interchange.allErrors.isEmpty)
    }

    @Test func pipeElementSeparatorWithNewlineAsTheTerminatorItself() throws {
        let interchange = try X12TestFiles.fixture("850-pipe-newline.edi")
        #expect(interchange.delimiters.elementSeparator == "|")
        #expect(interchange.delimiters.componentSeparator == "^")
        #expect(interchange.delimiters.segmentTerminator == "\n")
        #expect(interchange.delimiters.terminatorSuffix == "")
        #expect(interchange.allErrors.isEmpty)
        #expect(interchange.groups.first?.transactionSets.first?.segments.count == 19)
    }

    @Test func byteOrderMarkLeadingWhitespaceAndIndentedSegmentsAreTolerated() throws {
        let interchange = try X12TestFiles.fixture("850-bom-indented.edi")
        #expect(interchange.delimiters.componentSeparator == ":")
        #expect(interchange.delimiters.terminatorSuffix == "\n")
        #expect(interchange.allErrors.isEmpty)
        let set = try #require(interchange.groups.first?.transactionSets.first)
        #expect(set.segments[1].id == "BEG")
        #expect(set.segments[1][3] == "PO-7733")
    }

    @Test func repetitionSeparatorIsReadFromISA11FromVersion00402On() throws {
        let interchange = try X12TestFiles.fixture("850-repetition-00501.edi")
        #expect(interchange.version == "00501")
        #expect(interchange.delimiters.repetitionSeparator == "^")
        #expect(interchange.delimiters.componentSeparator == ":")
        let reference = try #require(interchange.groups.first?.transactionSets.first?.segments.first { $0.id == "REF" })
        #expect(reference.repetitions(at: 2) == ["114", "115"])
    }

    @Test func version00401HasNoRepetitionSeparatorEvenWhenISA11IsNotU() throws {
        let text = Self.isa(element: "*", isa11: "^", version: "00401", component: ">") + "~"
        let interchange = try #require(X12Reader.read(text).interchange)
        #expect(interchange.delimiters.repetitionSeparator == nil)
    }

    @Test func componentSeparatorSplitsCompositeElements() throws {
        let text = Self.isa(element: "*", isa11: "U", version: "00401", component: ":") + "~"
            + "GS*PO*A*B*20250101*1200*1*X*004010~ST*850*0001~REF*ZZ*X*Y*CA:123:BB~SE*3*0001~GE*1*1~IEA*1*000000001~"
        let interchange = try #require(X12Reader.read(text).interchange)
        let reference = try #require(interchange.groups.first?.transactionSets.first?.segments[1])
        #expect(reference.components(at: 4) == ["CA", "123", "BB"])
        #expect(reference[4] == "CA:123:BB")
        #expect(reference[9] == "")
    }

    @Test func nonFixedWidthISAIsReadByCountingItsSixteenElements() throws {
        let text = "ISA*00**00**ZZ*SHORT*ZZ*ALSO*250101*1200*U*00401*000000001*0*P*>~"
            + "GS*PO*A*B*20250101*1200*1*X*004010~ST*850*0001~SE*2*0001~GE*1*1~IEA*1*000000001~"
        let interchange = try #require(X12Reader.read(text).interchange)
        #expect(interchange.delimiters.componentSeparator == ">")
        #expect(interchange.delimiters.segmentTerminator == "~")
        #expect(interchange.senderID == "SHORT")
        #expect(interchange.allErrors.isEmpty)
    }

    static func isa(element: String, isa11: String, version: String, component: String) -> String {
        ["ISA", "00", String(repeating: " ", count: 10), "00", String(repeating: " ", count: 10), "ZZ",
         "SENDER         ", "ZZ", "RECEIVER       ", "250101", "1200", isa11, version, "000000001", "0", "P",
         component].joined(separator: element)
    }
}
