import Foundation
import Testing
import X12

@Suite("997 functional acknowledgment")
struct FunctionalAcknowledgmentTests {
    static let header = X12EnvelopeHeader(
        senderQualifier: "ZZ", senderID: "WHOLESAIL", receiverQualifier: "ZZ", receiverID: "HARBORHW",
        date: Date(timeIntervalSince1970: 1_741_771_500), interchangeControlNumber: 900, groupControlNumber: 900)

    /// Writes the 997 into an interchange, reads it back (no errors) and returns it as read.
    static func roundTrip(_ acknowledgment: FunctionalAcknowledgment) throws -> FunctionalAcknowledgment {
        let text = try X12Writer().interchange(
            header: header, transactionSets: [acknowledgment.outgoing(controlNumber: "0001")])
        let interchange = try #require(X12Reader.read(text).interchange)
        #expect(interchange.allErrors.isEmpty)
        #expect(interchange.groups.first?.functionalIdentifier == "FA")
        let set = try #require(interchange.groups.first?.transactionSets.first)
        return try FunctionalAcknowledgment(set)
    }

    @Test func acceptedGroupGivesAK5AAndAK9A() throws {
        let group = try #require(try X12TestFiles.fixture("850-star-tilde-crlf.edi").groups.first)
        let acknowledgment = FunctionalAcknowledgment(group: group)
        let segments = acknowledgment.segments().map(\.description)
        #expect(segments == ["AK1*PO*501*004010", "AK2*850*0001", "AK5*A", "AK9*A*1*1*1"])
        #expect(try Self.roundTrip(acknowledgment) == acknowledgment)
    }

    @Test func partialGroupGivesAK5RWithCode4AndAK9P() throws {
        let interchange = try X12TestFiles.fixture("partial-two-850s.edi")
        let acknowledgment = try #require(FunctionalAcknowledgment.acknowledgments(for: interchange).first)
        #expect(acknowledgment.segments().map(\.description) == [
            "AK1*PO*508*004010", "AK2*850*0001", "AK5*A", "AK2*850*0002", "AK5*R*4", "AK9*P*2*2*1",
        ])
        #expect(try Self.roundTrip(acknowledgment) == acknowledgment)
    }

    @Test func brokenGroupIsRejectedWithSetAndGroupCodes() throws {
        let interchange = try X12TestFiles.fixture("broken-envelopes.edi")
        let acknowledgment = try #require(FunctionalAcknowledgment.acknowledgments(for: interchange).first)
        #expect(acknowledgment.segments().map(\.description) == [
            "AK1*PO*507*004010", "AK2*850*0001", "AK5*R*4", "AK2*850*0002", "AK5*R*3", "AK9*R*3*2*0*5",
        ])
    }

    @Test func interchangeEnvelopeErrorRejectsEveryGroup() throws {
        let text = X12ReaderEnvelopeTests.interchange(ieaControl: "000000099")
        let interchange = try #require(X12Reader.read(text).interchange)
        let acknowledgment = try #require(FunctionalAcknowledgment.acknowledgments(for: interchange).first)
        #expect(acknowledgment.groupStatus == .rejected)
        #expect(acknowledgment.segments().last?.description == "AK9*R*1*1*1")
    }

    @Test func additionalDocumentErrorsRejectThatSetWithAK3AndAK4() throws {
        let group = try #require(try X12TestFiles.fixture("850-star-tilde-crlf.edi").groups.first)
        let extra = X12SyntaxError(
            code: .element(.invalidCodeValue), segmentID: "CTT", position: 17, elementPosition: 2,
            message: "CTT02 hash 41 does not match 40")
        let acknowledgment = FunctionalAcknowledgment(group: group, additionalErrors: ["0001": [extra]])
        #expect(acknowledgment.segments().map(\.description) == [
            "AK1*PO*501*004010", "AK2*850*0001", "AK3*CTT*17**8", "AK4*2**7", "AK5*R*5", "AK9*R*1*1*0",
        ])
        #expect(try Self.roundTrip(acknowledgment) == acknowledgment)
    }

    @Test func missingSegmentErrorGivesAK3WithCode3AndNoAK4() throws {
        let group = try #require(try X12TestFiles.fixture("850-star-tilde-crlf.edi").groups.first)
        let extra = X12SyntaxError(code: .segment(.mandatorySegmentMissing), segmentID: "BEG", position: nil, message: "no BEG")
        let segments = FunctionalAcknowledgment(group: group, additionalErrors: ["0001": [extra]]).segments()
        #expect(segments.map(\.description).contains("AK3*BEG***3"))
        #expect(!segments.contains { $0.id == "AK4" })
    }

    @Test func reading997RefusesOtherTransactionSets() throws {
        let set = try #require(try X12TestFiles.fixture("850-star-tilde-crlf.edi").groups.first?.transactionSets.first)
        #expect(throws: X12DocumentError.self) { try FunctionalAcknowledgment(set) }
    }
}
