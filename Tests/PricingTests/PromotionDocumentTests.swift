import Contracts
import Foundation
import Testing
@testable import Pricing

/// ``PromotionDocument``: a required end, a scope of SKUs or categories, exactly one of `percentOff` and
/// `amountOff`, and `amountOff` only with its currency.
@Suite("Promotion document")
struct PromotionDocumentTests {
    typealias F = PricingFixtures
    typealias At = PricingFixtures.IssueLocation

    private func document(validTo: String = "2027-04-01T00:00:00Z", _ fields: String) -> String {
        #"{"validFrom": "2027-03-01T00:00:00Z", "validTo": "\#(validTo)", \#(fields)}"#
    }

    private func validated(_ json: String, id: String = "PR-SPRING") throws -> Promotion {
        try F.decode(PromotionDocument.self, json).validated(id: id)
    }

    private func rejection(_ json: String, id: String = "PR-SPRING") throws -> ImportRejected {
        let document = try F.decode(PromotionDocument.self, json)
        return try #require(throws: ImportRejected.self) { try document.validated(id: id) }
    }

    // MARK: - Accepted

    @Test func documentedExampleBecomesAPromotion() throws {
        let promotion = try validated(document(#""skus": ["BOLT-M8"], "categories": ["anchors"], "percentOff": "15""#))
        #expect(try promotion == Promotion(
            id: "PR-SPRING",
            period: EffectivePeriod(start: F.instant("2027-03-01T00:00:00Z"), end: F.instant("2027-04-01T00:00:00Z")),
            skus: ["BOLT-M8"], categories: ["anchors"], adjustment: .percentOff(15)
        ))
    }

    @Test func amountOffWithItsCurrencyIsAccepted() throws {
        let promotion = try validated(document(#""skus": ["BOLT-M8", "NUT-M8"], "amountOff": "0.250", "currency": "BHD""#))
        #expect(try promotion.adjustment == .amountOff(F.bhd("0.250")))
        #expect(promotion.skus == ["BOLT-M8", "NUT-M8"])
        #expect(promotion.categories.isEmpty)
    }

    @Test func categoriesAloneAreAScope() throws {
        let promotion = try validated(document(#""categories": ["fasteners"], "percentOff": "12.5""#))
        #expect(promotion.categories == ["fasteners"])
        #expect(promotion.adjustment == .percentOff(F.twelveAndAHalfPercent))
    }

    // MARK: - Adjustment

    @Test func amountOffWithoutCurrencyIsRefused() throws {
        let rejected = try rejection(document(#""skus": ["BOLT-M8"], "amountOff": "1.00""#))
        #expect(rejected.issues.map(At.init) == [At(nil, "currency", "/currency")])
    }

    @Test func amountOffWithAnUnknownCurrencyIsRefused() throws {
        let rejected = try rejection(document(#""skus": ["BOLT-M8"], "amountOff": "1.00", "currency": "EURO""#))
        #expect(rejected.issues.map(At.init) == [At(nil, "currency", "/currency")])
    }

    @Test func amountOffWithTooManyDecimalsForItsCurrencyIsRefused() throws {
        let rejected = try rejection(document(#""skus": ["BOLT-M8"], "amountOff": "1.5", "currency": "JPY""#))
        #expect(rejected.issues.map(At.init) == [At(nil, "amountOff", "/amountOff")])
    }

    @Test func negativeAmountOffIsRefused() throws {
        let rejected = try rejection(document(#""skus": ["BOLT-M8"], "amountOff": "-1.00", "currency": "EUR""#))
        #expect(rejected.issues.map(At.init) == [At(nil, "amountOff", "/amountOff")])
    }

    @Test func percentOffWithACurrencyIsRefused() throws {
        let rejected = try rejection(document(#""skus": ["BOLT-M8"], "percentOff": "10", "currency": "EUR""#))
        #expect(rejected.issues.map(At.init) == [At(nil, "currency", "/currency")])
    }

    @Test func bothPercentOffAndAmountOffAreRefused() throws {
        let rejected = try rejection(document(#""skus": ["BOLT-M8"], "percentOff": "10", "amountOff": "1.00", "currency": "EUR""#))
        #expect(rejected.issues.map(At.init) == [At(nil, "percentOff", "/percentOff")])
    }

    @Test func neitherPercentOffNorAmountOffIsRefused() throws {
        let rejected = try rejection(document(#""skus": ["BOLT-M8"]"#))
        #expect(rejected.issues.map(At.init) == [At(nil, "percentOff", "/percentOff")])
    }

    @Test(arguments: ["0", "100.5", "1e2", "-5", "12.34567", "abc"])
    func percentageOutsideTheGrammarOrRangeIsRefused(percent: String) throws {
        let rejected = try rejection(document(#""skus": ["BOLT-M8"], "percentOff": "\#(percent)""#))
        #expect(rejected.issues.map(At.init) == [At(nil, "percentOff", "/percentOff")])
    }

    // MARK: - Scope and period

    @Test(arguments: [#""skus": []"#, #""categories": []"#, #""skus": [], "categories": []"#, #""name": "no scope""#])
    func promotionWithoutSKUsOrCategoriesIsRefused(scope: String) throws {
        let rejected = try rejection(document(#"\#(scope), "percentOff": "10""#))
        #expect(rejected.issues.map(At.init) == [At(nil, "skus", "/skus")])
    }

    @Test func invalidSKUsAndCategoriesAreRefusedAtTheirIndex() throws {
        let rejected = try rejection(document(#""skus": ["BOLT-M8", "NUT M8"], "categories": ["anchors", "", "fasteners"], "percentOff": "10""#))
        #expect(rejected.issues.map(At.init) == [At(2, "categories", "/categories/1"), At(2, "skus", "/skus/1")])
    }

    @Test(arguments: ["2027-03-01T00:00:00Z", "2027-02-01T00:00:00Z"])
    func validToNotAfterValidFromIsRefused(validTo: String) throws {
        let rejected = try rejection(document(validTo: validTo, #""skus": ["BOLT-M8"], "percentOff": "10""#))
        #expect(rejected.issues.map(At.init) == [At(nil, "validTo", "/validTo")])
    }

    @Test func promotionWithoutValidToDoesNotDecode() throws {
        #expect(throws: DecodingError.self) {
            try F.decode(PromotionDocument.self, #"{"validFrom": "2027-03-01T00:00:00Z", "skus": ["BOLT-M8"], "percentOff": "10"}"#)
        }
    }

    @Test func invalidPromotionIDIsRefused() throws {
        let rejected = try rejection(document(#""skus": ["BOLT-M8"], "percentOff": "10""#), id: "")
        #expect(rejected.issues.map(At.init) == [At(nil, "id", "/id")])
    }
}
