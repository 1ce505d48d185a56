import Foundation
import Testing
import X12

@Suite("Reader: envelope fields and control checks")
struct X12ReaderEnvelopeTests {
    /// A valid one-set interchange built line by line so each test can break one thing.
    static func interchange(
        seCount: String = "4", seControl: String = "0001", geCount: String = "1", geControl: String = "7",
        ieaCount: String = "1", ieaControl: String = "000000042", dropSE: Bool = false, dropGE: Bool = false,
        dropIEA: Bool = false
    ) -> String {
        var lines = [
            X12DelimitersTests.isa(element: "*", isa11: "U", version: "00401", component: ">")
                .replacingOccurrences(of: "000000001", with: "000000042"),
            "GS*PO*SENDER*RECEIVER*20250101*1200*7*X*004010",
            "ST*850*0001",
            "BEG*00*NE*PO1**20250101",
            "ZZZ*unknown segments are tolerated",
        ]
        if !dropSE { lines.append("SE*\(seCount)*\(seControl)") }
        if !dropGE { lines.append("GE*\(geCount)*\(geControl)") }
        if !dropIEA { lines.append("IEA*\(ieaCount)*\(ieaControl)") }
        return lines.map { $0 + "~\n" }.joined()
    }

    static func read(_ text: String) throws -> X12Interchange {
        try #require(X12Reader.read(text).interchange)
    }

    @Test func validInterchangeHasNoErrorsAndTheISAFieldsTrimmed() throws {
        let interchange = try Self.read(Self.interchange())
        #expect(interchange.allErrors.isEmpty)
        #expect(interchange.senderQualifier == "ZZ")
        #expect(interchange.senderID == "SENDER")
        #expect(interchange.receiverID == "RECEIVER")
        #expect(interchange.date == "250101")
        #expect(interchange.time == "1200")
        #expect(interchange.version == "00401")
        #expect(interchange.controlNumber == "000000042")
        #expect(interchange.acknowledgmentRequested == false)
        #expect(interchange.usage == "P")
    }

    @Test func groupAndSetFieldsAndSegmentPositionsAreRead() throws {
        let group = try #require(try Self.read(Self.interchange()).groups.first)
        #expect(group.functionalIdentifier == "PO")
        #expect(group.applicationSender == "SENDER")
        #expect(group.applicationReceiver == "RECEIVER")
        #expect(group.date == "20250101")
        #expect(group.controlNumber == "7")
        #expect(group.responsibleAgency == "X")
        #expect(group.version == "004010")
        let set = try #require(group.transactionSets.first)
        #expect(set.identifier == "850")
        #expect(set.controlNumber == "0001")
        #expect(set.segments.map(\.id) == ["ST", "BEG", "ZZZ", "SE"])
        #expect(set.segments.map(\.position) == [1, 2, 3, 4])
        #expect(set.body.map(\.id) == ["BEG", "ZZZ"])
        #expect(set.status == .accepted)
    }

    @Test func wrongSE01IsASegmentCountMismatchCode4() throws {
        let set = try #require(try Self.read(Self.interchange(seCount: "5")).groups.first?.transactionSets.first)
        let error = try #require(set.errors.first)
        #expect(set.errors.count == 1)
        #expect(error.code == .transactionSet(.segmentCountMismatch))
        #expect(error.code.value == "4")
        #expect(error.segmentID == "SE")
        #expect(error.position == 4)
        #expect(error.elementPosition == 1)
        #expect(error.message.contains("has 4"))
    }

    @Test func SE02DifferentFromST02IsAControlNumberMismatchCode3() throws {
        let set = try #require(try Self.read(Self.interchange(seControl: "0002")).groups.first?.transactionSets.first)
        #expect(set.errors.map(\.code) == [.transactionSet(.controlNumberMismatch)])
        #expect(set.errors.first?.code.value == "3")
        #expect(set.errors.first?.elementPosition == 2)
    }

    @Test func missingSEIsATrailerMissingCode2() throws {
        let interchange = try Self.read(Self.interchange(dropSE: true))
        let set = try #require(interchange.groups.first?.transactionSets.first)
        #expect(set.errors.map(\.code) == [.transactionSet(.trailerMissing)])
        #expect(set.segments.map(\.id) == ["ST", "BEG", "ZZZ"])
    }

    @Test func wrongGE01IsATransactionSetCountMismatchCode5() throws {
        let group = try #require(try Self.read(Self.interchange(geCount: "2")).groups.first)
        #expect(group.errors.map(\.code) == [.group(.transactionSetCountMismatch)])
        #expect(group.errors.first?.code.value == "5")
        #expect(group.errors.first?.segmentID == "GE")
        #expect(group.status == .rejected)
        #expect(group.transactionSets.first?.status == .accepted)
    }

    @Test func GE02DifferentFromGS06IsAGroupControlNumberMismatchCode4() throws {
        let group = try #require(try Self.read(Self.interchange(geControl: "8")).groups.first)
        #expect(group.errors.map(\.code) == [.group(.controlNumberMismatch)])
        #expect(group.errors.first?.code.value == "4")
    }

    @Test func missingGEIsAGroupTrailerMissingCode3() throws {
        let group = try #require(try Self.read(Self.interchange(dropGE: true)).groups.first)
        #expect(group.errors.map(\.code) == [.group(.trailerMissing)])
    }

    @Test func IEA02DifferentFromISA13IsAnInterchangeControlNumberMismatch() throws {
        let interchange = try Self.read(Self.interchange(ieaControl: "000000043"))
        #expect(interchange.errors.map(\.code) == [.interchange(.controlNumberMismatch)])
        #expect(interchange.errors.first?.segmentID == "IEA")
        #expect(interchange.status(of: interchange.groups[0]) == .rejected)
        #expect(interchange.acceptedTransactionSets.isEmpty)
    }

    @Test func wrongIEA01IsAnInvalidGroupCount() throws {
        let interchange = try Self.read(Self.interchange(ieaCount: "2"))
        #expect(interchange.errors.map(\.code) == [.interchange(.invalidGroupCount)])
    }

    @Test func missingIEAIsAPrematureEndOfFile() throws {
        let interchange = try Self.read(Self.interchange(dropIEA: true))
        #expect(interchange.errors.map(\.code) == [.interchange(.prematureEndOfFile)])
        #expect(interchange.groups.first?.errors.isEmpty == true)
    }

    @Test func segmentsOutsideATransactionSetAreAnInterchangeError() throws {
        let text = Self.interchange().replacingOccurrences(of: "ST*850*0001~\n", with: "REF*XX*stray~\nST*850*0001~\n")
        let interchange = try Self.read(text)
        #expect(interchange.errors.map(\.code) == [.interchange(.invalidContent)])
        #expect(interchange.errors.first?.segmentID == "REF")
        #expect(interchange.groups.first?.transactionSets.first?.status == .accepted)
    }

    @Test func duplicateSetControlNumberInAGroupIsCode23() throws {
        let set = "ST*850*0001~\nBEG*00*NE*PO1**20250101~\nSE*3*0001~\n"
        let text = Self.interchange().replacingOccurrences(of: "GE*1*7", with: "GE*2*7")
            .replacingOccurrences(of: "GE*2*7", with: set + "GE*2*7")
        let group = try #require(try Self.read(text).groups.first)
        #expect(group.transactionSets.count == 2)
        #expect(group.transactionSets[1].errors.map(\.code) == [.transactionSet(.controlNumberNotUnique)])
    }

    @Test func brokenFixtureNamesEveryEnvelopeProblem() throws {
        let interchange = try X12TestFiles.fixture("broken-envelopes.edi")
        let group = try #require(interchange.groups.first)
        #expect(group.transactionSets[0].errors.map(\.code) == [.transactionSet(.segmentCountMismatch)])
        #expect(group.transactionSets[1].errors.map(\.code) == [.transactionSet(.controlNumberMismatch)])
        #expect(group.errors.map(\.code) == [.group(.transactionSetCountMismatch)])
        #expect(interchange.errors.map(\.code) == [.interchange(.controlNumberMismatch)])
    }

    @Test func partiallyValidInterchangeStillGivesTheValidSet() throws {
        let interchange = try X12TestFiles.fixture("partial-two-850s.edi")
        let group = try #require(interchange.groups.first)
        #expect(group.status == .partiallyAccepted)
        #expect(group.transactionSets.map(\.status) == [.accepted, .rejected])
        #expect(interchange.acceptedTransactionSets.map(\.controlNumber) == ["0001"])
    }

    @Test func twoGroupsAreReadInOrder() throws {
        let interchange = try X12TestFiles.fixture("two-groups.edi")
        #expect(interchange.allErrors.isEmpty)
        #expect(interchange.groups.map(\.functionalIdentifier) == ["PO", "IN"])
        #expect(interchange.groups.map { $0.transactionSets.map(\.identifier) } == [["850"], ["810"]])
    }

    @Test(arguments: X12TestFiles.fixtureNames().filter { !$0.hasPrefix("broken") && !$0.hasPrefix("partial") })
    func validFixturesReadWithoutErrors(name: String) throws {
        let interchange = try X12TestFiles.fixture(name)
        #expect(interchange.allErrors.isEmpty)
        #expect(!interchange.groups.isEmpty)
    }
}
