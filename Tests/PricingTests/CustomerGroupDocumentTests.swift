import Foundation
import Testing
@testable import Pricing

/// ``CustomerGroupDocument``: the group's members, validated and de-duplicated.
@Suite("Customer group document")
struct CustomerGroupDocumentTests {
    typealias F = PricingFixtures
    typealias At = PricingFixtures.IssueLocation

    @Test func membersAreValidatedAndDeduplicatedInOrder() throws {
        let document = try F.decode(CustomerGroupDocument.self, #"{"customers": ["C-1002", "C-1001", "C-1002", "C-1003"]}"#)
        #expect(try document.validated(id: "G-RETAIL") == ["C-1002", "C-1001", "C-1003"])
    }

    @Test func emptyMemberListEmptiesTheGroup() throws {
        let document = try F.decode(CustomerGroupDocument.self, #"{"customers": []}"#)
        #expect(try document.validated(id: "G-RETAIL").isEmpty)
    }

    @Test func invalidCustomersAreRefusedAtTheirRowAndIndex() throws {
        let document = try F.decode(CustomerGroupDocument.self, #"{"customers": ["C-1001", "C 1002", "C-1003", ""]}"#)
        let rejected = try #require(throws: ImportRejected.self) { try document.validated(id: "G-RETAIL") }
        #expect(rejected.issues.map(At.init) == [At(2, "customers", "/customers/1"), At(4, "customers", "/customers/3")])
    }

    @Test func invalidGroupIDIsRefused() throws {
        let document = try F.decode(CustomerGroupDocument.self, #"{"customers": ["C-1001"]}"#)
        let rejected = try #require(throws: ImportRejected.self) { try document.validated(id: "retail group") }
        #expect(rejected.issues.map(At.init) == [At(nil, "id", "/id")])
    }
}
