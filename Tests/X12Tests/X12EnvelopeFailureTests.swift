import Testing
import X12

@Suite("Unreadable input gives an envelope failure, never a crash")
struct X12EnvelopeFailureTests {
    @Test func emptyInputIsAnEnvelopeFailure() {
        #expect(X12Reader.read([UInt8]()).envelopeFailure == .empty)
    }

    @Test func whitespaceAndByteOrderMarkOnlyIsAnEnvelopeFailure() {
        #expect(X12Reader.read([0xEF, 0xBB, 0xBF, 0x20, 0x0A]).envelopeFailure == .empty)
    }

    @Test func inputNotStartingWithISAIsNamed() {
        let result = X12Reader.read("GS*PO*A*B~ST*850*0001~")
        #expect(result.envelopeFailure == .missingInterchangeHeader(found: "GS*PO*A*B~ST"))
    }

    @Test func truncatedISAIsAnEnvelopeFailure() {
        let result = X12Reader.read("ISA*00*          *00*")
        #expect(result.envelopeFailure == .truncatedInterchangeHeader(byteCount: 21))
    }

    @Test func separatorsThatCollideAreInconsistent() {
        // ISA16 (component) equal to the segment terminator.
        let text = X12DelimitersTests.isa(element: "*", isa11: "U", version: "00401", component: "~") + "~"
        guard case .inconsistentDelimiters = X12Reader.read(text).envelopeFailure else {
            Issue.record("expected inconsistent delimiters")
            return
        }
    }

    @Test func letterAsElementSeparatorIsInconsistent() {
        let text = X12DelimitersTests.isa(element: "X", isa11: "U", version: "00401", component: ">") + "~"
        guard case .inconsistentDelimiters = X12Reader.read(text).envelopeFailure else {
            Issue.record("expected inconsistent delimiters")
            return
        }
    }

    @Test(arguments: [
        [UInt8](repeating: 0, count: 200),
        Array("ISA".utf8),
        Array("ISA*".utf8),
        [0xFF, 0xFE, 0x00, 0x49],
        Array("ISA*00*00*00*00*00*00*00*00*00*00*00*00*00*00*00".utf8),
        (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37) },
    ])
    func garbageGivesAnEnvelopeFailureOrAnInterchangeWithErrors(bytes: [UInt8]) {
        switch X12Reader.read(bytes) {
        case .envelopeFailure(let failure):
            #expect(!failure.description.isEmpty)
        case .interchange(let interchange):
            #expect(!interchange.errors.isEmpty)
        }
    }
}
