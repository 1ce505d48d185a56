import Foundation
import Testing
import X12

@Suite("Writer")
struct X12WriterTests {
    static let date = Date(timeIntervalSince1970: 1_741_771_500) // 2025-03-12 09:25 UTC

    static func header(version: String = "004010") -> X12EnvelopeHeader {
        X12EnvelopeHeader(
            senderQualifier: "ZZ", senderID: "WHOLESAIL", receiverQualifier: "01", receiverID: "123456789",
            date: date, interchangeControlNumber: 4711, groupControlNumber: 88, version: version, usage: "T")
    }

    static let sets = [
        X12OutgoingTransactionSet(identifier: "855", controlNumber: "0001", body: [
            X12Segment("BAK", "00", "AD", "PO-1", "20250312"), X12Segment("CTT", "0"),
        ]),
        X12OutgoingTransactionSet(identifier: "855", controlNumber: "0002", body: [
            X12Segment("BAK", "00", "RJ", "PO-2", "20250312"), X12Segment("REF", "ZZ", "", "NOTE"), X12Segment("CTT", "0"),
        ]),
    ]

    @Test func interchangeReReadsWithoutErrorsAndMatchingControlNumbers() throws {
        let text = try X12Writer().interchange(header: Self.header(), transactionSets: Self.sets)
        let interchange = try #require(X12Reader.read(text).interchange)
        #expect(interchange.allErrors.isEmpty)
        #expect(interchange.controlNumber == "000004711")
        #expect(interchange.senderID == "WHOLESAIL")
        #expect(interchange.receiverQualifier == "01")
        #expect(interchange.date == "250312")
        #expect(interchange.time == "0925")
        #expect(interchange.usage == "T")
        let group = try #require(interchange.groups.first)
        #expect(group.functionalIdentifier == "PR")
        #expect(group.controlNumber == "88")
        #expect(group.date == "20250312")
        #expect(group.version == "004010")
        #expect(group.transactionSets.map(\.controlNumber) == ["0001", "0002"])
        #expect(group.transactionSets.map { $0.segments.last?[1] } == ["4", "5"])
    }

    @Test func ISAIsFixedWidthWithPaddedIdsAndNineDigitControlNumber() throws {
        let text = try X12Writer().interchange(header: Self.header(), transactionSets: Self.sets)
        let isa = try #require(text.split(separator: "\n").first)
        #expect(isa.count == 106)
        #expect(isa == "ISA*00*          *00*          *ZZ*WHOLESAIL      *01*123456789      *250312*0925*U*00401*000004711*0*T*>~")
    }

    @Test func version00501WritesTheRepetitionSeparatorInISA11() throws {
        let delimiters = X12Delimiters(repetitionSeparator: "^")
        let text = try X12Writer(delimiters: delimiters).interchange(
            header: Self.header(version: "005010"), transactionSets: Self.sets)
        let interchange = try #require(X12Reader.read(text).interchange)
        #expect(interchange.standardsIdentifierOrRepetitionSeparator == "^")
        #expect(interchange.delimiters.repetitionSeparator == "^")
        #expect(interchange.allErrors.isEmpty)
    }

    @Test func version00501WithoutRepetitionSeparatorIsRefused() {
        #expect(throws: X12WriterError.missingRepetitionSeparator(version: "00501")) {
            try X12Writer().interchange(header: Self.header(version: "005010"), transactionSets: Self.sets)
        }
    }

    @Test func partnerDelimitersAreUsedAndReadBack() throws {
        let delimiters = X12Delimiters(
            elementSeparator: "|", componentSeparator: "^", segmentTerminator: "\n", terminatorSuffix: "")
        let text = try X12Writer(delimiters: delimiters).interchange(header: Self.header(), transactionSets: Self.sets)
        #expect(!text.contains("*"))
        let interchange = try #require(X12Reader.read(text).interchange)
        #expect(interchange.delimiters == delimiters)
        #expect(interchange.allErrors.isEmpty)
    }

    @Test(arguments: ["A*B", "A~B", "A>B", "line\nbreak"])
    func elementValueContainingADelimiterIsRefused(value: String) {
        let set = X12OutgoingTransactionSet(identifier: "855", controlNumber: "0001", body: [X12Segment("REF", "ZZ", value)])
        #expect(throws: X12WriterError.valueContainsDelimiter(segmentID: "REF", elementPosition: 2, value: value)) {
            try X12Writer().interchange(header: Self.header(), transactionSets: [set])
        }
    }

    @Test func trailingEmptyElementsAreNotWritten() throws {
        #expect(try X12Writer().write(X12Segment("N1", "ST", "NAME", "", "")) == "N1*ST*NAME~\n")
    }

    @Test func senderIdLongerThanFifteenIsRefused() {
        var header = Self.header()
        header.senderID = "SIXTEEN-CHARS-ID"
        #expect(throws: X12WriterError.self) { try X12Writer().interchange(header: header, transactionSets: Self.sets) }
    }

    @Test func collidingDelimitersAreRefused() {
        let writer = X12Writer(delimiters: X12Delimiters(elementSeparator: "*", componentSeparator: "*"))
        #expect(throws: X12WriterError.self) { try writer.write(X12Segment("REF", "ZZ")) }
    }
}
