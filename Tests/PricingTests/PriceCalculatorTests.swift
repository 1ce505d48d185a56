import Contracts
import Foundation
import Testing
@testable import Pricing

/// The precedence rule of ``PriceCalculator`` (its doc comment): list → agreement wins outright → best of tier
/// and promotion (strictly lower), no stacking, half-even rounding, validity windows start inclusive / end
/// exclusive, and the errors that make a line unpriceable.
///
/// The standard catalogue (``PricingFixtures``): list `EU-2027` from 2027-01-01 with BOLT-M8 10.00 EUR
/// (9.00 from 10, 8.00 from 100), NUT-M8 2.00 and ANCHOR-X 5.00; customers C-1 and C-2 in group G-RETAIL.
@Suite("Price calculator")
struct PriceCalculatorTests {
    typealias F = PricingFixtures

    private func quote(
        _ calculator: PriceCalculator, sku: String = "BOLT-M8", quantity: Int = 1, customer: String = PricingFixtures.customer,
        currency: Currency = .EUR, at instant: Date? = nil
    ) throws -> PricedLine {
        try calculator.price(sku: sku, quantity: quantity, customer: customer, currency: currency, at: instant ?? F.quoteTime())
    }

    // MARK: - List and tiers

    @Test func basePriceComesFromTheListWithListRule() throws {
        let line = try quote(try F.calculator(), quantity: 3)
        #expect(try line.unitPrice == F.eur("10.00"))
        #expect(try line.extendedAmount == F.eur("30.00"))
        #expect(line.rule == PriceRule(kind: .list, id: F.listID))
        #expect(line.priceList == F.listID)
        #expect(try line.listUnitPrice == F.eur("10.00"))
        #expect(line.category == "fasteners")
    }

    @Test(arguments: [
        (1, "10.00", PriceRule.Kind.list, nil as Int?),
        (9, "10.00", .list, nil),
        (10, "9.00", .tier, 10),
        (11, "9.00", .tier, 10),
        (99, "9.00", .tier, 10),
        (100, "8.00", .tier, 100),
        (101, "8.00", .tier, 100),
    ])
    func tierAppliesFromItsMinimumQuantity(quantity: Int, unitPrice: String, kind: PriceRule.Kind, minimumQuantity: Int?) throws {
        let line = try quote(try F.calculator(), quantity: quantity)
        #expect(try line.unitPrice == F.eur(unitPrice))
        #expect(line.rule == PriceRule(kind: kind, id: F.listID, minimumQuantity: minimumQuantity))
        #expect(try line.extendedAmount == F.eur(unitPrice).multiplied(by: quantity))
        #expect(try line.listUnitPrice == F.eur("10.00"), "the base price is reported whatever tier applies")
    }

    // MARK: - Agreements win outright

    @Test func contractPriceReplacesTheListPrice() throws {
        let calculator = try F.calculator(agreements: [try F.agreement("AG-1", .fixedPrice(try F.eur("7.50")))])
        let line = try quote(calculator, quantity: 3)
        #expect(try line.unitPrice == F.eur("7.50"))
        #expect(try line.extendedAmount == F.eur("22.50"))
        #expect(line.rule == PriceRule(kind: .agreement, id: "AG-1"))
        #expect(try line.listUnitPrice == F.eur("10.00"))
    }

    @Test func agreementBeatsACheaperPromotion() throws {
        let calculator = try F.calculator(
            agreements: [try F.agreement("AG-1", .fixedPrice(try F.eur("9.50")))],
            promotions: [try F.promotion("PR-HALF", .percentOff(50))]
        )
        let line = try quote(calculator)
        #expect(try line.unitPrice == F.eur("9.50"))
        #expect(line.rule == PriceRule(kind: .agreement, id: "AG-1"))
    }

    @Test func agreementBeatsACheaperTier() throws {
        // A contract price above the tier price still wins: an agreement is not a "best of".
        let calculator = try F.calculator(agreements: [try F.agreement("AG-1", .fixedPrice(try F.eur("9.50")))])
        let line = try quote(calculator, quantity: 10)
        #expect(try line.unitPrice == F.eur("9.50"))
        #expect(line.rule == PriceRule(kind: .agreement, id: "AG-1"))
    }

    @Test func agreementPercentComesOffTheTierPrice() throws {
        let calculator = try F.calculator(agreements: [try F.agreement("AG-1", .percentOff(10))])
        let belowTier = try quote(calculator, quantity: 9)
        #expect(try belowTier.unitPrice == F.eur("9.00"), "10 % off the base price 10.00")
        let onTier = try quote(calculator, quantity: 10)
        #expect(try onTier.unitPrice == F.eur("8.10"), "10 % off the tier price 9.00, not off the base 10.00")
        #expect(try onTier.extendedAmount == F.eur("81.00"))
        #expect(onTier.rule == PriceRule(kind: .agreement, id: "AG-1"))
    }

    @Test func agreementAmountOffComesOffTheTierPrice() throws {
        let calculator = try F.calculator(agreements: [try F.agreement("AG-1", .amountOff(try F.eur("0.50")))])
        let line = try quote(calculator, quantity: 100)
        #expect(try line.unitPrice == F.eur("7.50"), "8.00 tier − 0.50")
        #expect(line.rule == PriceRule(kind: .agreement, id: "AG-1"))
    }

    @Test func agreementAmountOffNeverGoesBelowZero() throws {
        let calculator = try F.calculator(agreements: [try F.agreement("AG-1", .amountOff(try F.eur("12.00")))])
        let line = try quote(calculator, quantity: 4)
        #expect(try line.unitPrice == F.eur("0.00"))
        #expect(try line.extendedAmount == F.eur("0.00"))
    }

    @Test func promotionDoesNotStackOnAnAgreementDiscount() throws {
        let calculator = try F.calculator(
            agreements: [try F.agreement("AG-1", .percentOff(10))],
            promotions: [try F.promotion("PR-1", .percentOff(20))]
        )
        let line = try quote(calculator)
        #expect(try line.unitPrice == F.eur("9.00"), "10 % off 10.00 only; not 20 % on top")
        #expect(line.rule == PriceRule(kind: .agreement, id: "AG-1"))
    }

    @Test(arguments: [(49, "9.50", nil as Int?), (50, "8.80", 50 as Int?), (51, "8.80", 50 as Int?)])
    func agreementBreakAppliesFromItsMinimumQuantity(quantity: Int, unitPrice: String, minimumQuantity: Int?) throws {
        let agreement = CustomerAgreement(
            id: "AG-1", party: .customer(F.customer), currency: .EUR, period: try F.openPeriod(),
            lines: ["BOLT-M8": [
                AgreementBreak(minimumQuantity: 50, adjustment: .fixedPrice(try F.eur("8.80"))),
                AgreementBreak(minimumQuantity: 1, adjustment: .fixedPrice(try F.eur("9.50"))),
            ]]
        )
        let line = try quote(try F.calculator(agreements: [agreement]), quantity: quantity)
        #expect(try line.unitPrice == F.eur(unitPrice))
        #expect(line.rule == PriceRule(kind: .agreement, id: "AG-1", minimumQuantity: minimumQuantity))
    }

    @Test func agreementBreakNotReachedFallsThroughToTheTier() throws {
        let calculator = try F.calculator(agreements: [try F.agreement("AG-1", from: 50, .fixedPrice(try F.eur("7.00")))])
        let line = try quote(calculator, quantity: 49)
        #expect(try line.unitPrice == F.eur("9.00"))
        #expect(line.rule == PriceRule(kind: .tier, id: F.listID, minimumQuantity: 10))
    }

    @Test func customersOwnAgreementBeatsTheGroupAgreement() throws {
        let calculator = try F.calculator(agreements: [
            try F.agreement("AG-GROUP", for: .customerGroup(F.groupID), .fixedPrice(try F.eur("8.00"))),
            try F.agreement("AG-OWN", .fixedPrice(try F.eur("9.00"))),
        ])
        let line = try quote(calculator)
        #expect(try line.unitPrice == F.eur("9.00"), "the customer's own agreement, though the group's is cheaper")
        #expect(line.rule == PriceRule(kind: .agreement, id: "AG-OWN"))
    }

    @Test func groupAgreementAppliesToAGroupMember() throws {
        let calculator = try F.calculator(agreements: [
            try F.agreement("AG-GROUP", for: .customerGroup(F.groupID), .fixedPrice(try F.eur("8.00"))),
        ])
        let line = try quote(calculator, customer: F.groupMember)
        #expect(try line.unitPrice == F.eur("8.00"))
        #expect(line.rule == PriceRule(kind: .agreement, id: "AG-GROUP"))
    }

    @Test func groupAgreementDoesNotApplyToANonMember() throws {
        let calculator = try F.calculator(agreements: [
            try F.agreement("AG-GROUP", for: .customerGroup(F.groupID), .fixedPrice(try F.eur("8.00"))),
        ])
        let line = try quote(calculator, customer: "C-OUTSIDER")
        #expect(try line.unitPrice == F.eur("10.00"))
        #expect(line.rule == PriceRule(kind: .list, id: F.listID))
    }

    @Test func anotherCustomersAgreementDoesNotApply() throws {
        let calculator = try F.calculator(agreements: [try F.agreement("AG-1", .fixedPrice(try F.eur("7.00")))])
        let line = try quote(calculator, customer: F.groupMember)
        #expect(line.rule == PriceRule(kind: .list, id: F.listID))
    }

    @Test func ownAgreementWithoutTheSKUFallsThroughToTheGroupAgreement() throws {
        let calculator = try F.calculator(agreements: [
            try F.agreement("AG-OWN", sku: "NUT-M8", .fixedPrice(try F.eur("1.00"))),
            try F.agreement("AG-GROUP", for: .customerGroup(F.groupID), .fixedPrice(try F.eur("8.00"))),
        ])
        let line = try quote(calculator)
        #expect(try line.unitPrice == F.eur("8.00"))
        #expect(line.rule == PriceRule(kind: .agreement, id: "AG-GROUP"))
    }

    @Test func ownAgreementWhoseBreakIsNotReachedFallsThroughToTheGroupAgreement() throws {
        let calculator = try F.calculator(agreements: [
            try F.agreement("AG-OWN", from: 50, .fixedPrice(try F.eur("7.00"))),
            try F.agreement("AG-GROUP", for: .customerGroup(F.groupID), .percentOff(5)),
        ])
        let below = try quote(calculator, quantity: 49)
        #expect(try below.unitPrice == F.eur("8.55"), "5 % off the 9.00 tier")
        #expect(below.rule == PriceRule(kind: .agreement, id: "AG-GROUP"))
        let reached = try quote(calculator, quantity: 50)
        #expect(try reached.unitPrice == F.eur("7.00"))
        #expect(reached.rule == PriceRule(kind: .agreement, id: "AG-OWN", minimumQuantity: 50))
    }

    @Test func agreementWithoutTheSKUFallsThroughToTheList() throws {
        let calculator = try F.calculator(agreements: [try F.agreement("AG-OWN", sku: "NUT-M8", .fixedPrice(try F.eur("1.00")))])
        let line = try quote(calculator)
        #expect(try line.unitPrice == F.eur("10.00"))
        #expect(line.rule == PriceRule(kind: .list, id: F.listID))
    }

    @Test func agreementWithoutTheSKUFallsThroughToAPromotion() throws {
        let calculator = try F.calculator(
            agreements: [try F.agreement("AG-OWN", sku: "NUT-M8", .fixedPrice(try F.eur("1.00")))],
            promotions: [try F.promotion("PR-1", .percentOff(20))]
        )
        let line = try quote(calculator)
        #expect(try line.unitPrice == F.eur("8.00"))
        #expect(line.rule == PriceRule(kind: .promotion, id: "PR-1"))
    }

    @Test func latestStartedAgreementWinsAmongTheCustomersOwn() throws {
        let calculator = try F.calculator(agreements: [
            try F.agreement("AG-NEW", period: EffectivePeriod(start: try F.instant("2027-02-01T00:00:00Z")), .fixedPrice(try F.eur("8.50"))),
            try F.agreement("AG-OLD", period: EffectivePeriod(start: try F.instant("2027-01-01T00:00:00Z")), .fixedPrice(try F.eur("9.00"))),
        ])
        #expect(try quote(calculator).rule == PriceRule(kind: .agreement, id: "AG-NEW"))
        #expect(try quote(calculator, at: try F.instant("2027-01-15T00:00:00Z")).rule == PriceRule(kind: .agreement, id: "AG-OLD"))
    }

    @Test func agreementsStartingTogetherTieByID() throws {
        let calculator = try F.calculator(agreements: [
            try F.agreement("AG-B", .fixedPrice(try F.eur("8.00"))),
            try F.agreement("AG-A", .fixedPrice(try F.eur("9.00"))),
        ])
        #expect(try quote(calculator).rule == PriceRule(kind: .agreement, id: "AG-A"))
    }

    // MARK: - Best of tier and promotion

    @Test func promotionWinsWhenStrictlyBelowTheTierPrice() throws {
        let calculator = try F.calculator(promotions: [try F.promotion("PR-1", .percentOff(15))])
        let line = try quote(calculator, quantity: 10)
        #expect(try line.unitPrice == F.eur("8.50"), "15 % off the base 10.00 beats the 9.00 tier")
        #expect(try line.extendedAmount == F.eur("85.00"))
        #expect(line.rule == PriceRule(kind: .promotion, id: "PR-1"))
    }

    @Test func promotionEqualToTheTierPriceLeavesTheTier() throws {
        let calculator = try F.calculator(promotions: [try F.promotion("PR-1", .percentOff(10))])
        let line = try quote(calculator, quantity: 10)
        #expect(try line.unitPrice == F.eur("9.00"))
        #expect(line.rule == PriceRule(kind: .tier, id: F.listID, minimumQuantity: 10))
    }

    @Test func promotionEqualToTheListPriceLeavesTheList() throws {
        let calculator = try F.calculator(promotions: [try F.promotion("PR-NOTHING", .amountOff(try F.eur("0.00")))])
        let line = try quote(calculator)
        #expect(try line.unitPrice == F.eur("10.00"))
        #expect(line.rule == PriceRule(kind: .list, id: F.listID))
    }

    @Test func promotionAboveTheTierPriceLeavesTheTier() throws {
        // 5 % off the base is 9.50: worse than the 9.00 tier, and never applied on top of it (8.55).
        let calculator = try F.calculator(promotions: [try F.promotion("PR-1", .percentOff(5))])
        let line = try quote(calculator, quantity: 10)
        #expect(try line.unitPrice == F.eur("9.00"))
        #expect(line.rule == PriceRule(kind: .tier, id: F.listID, minimumQuantity: 10))
    }

    @Test func promotionBelowTheListPriceWinsWithoutTiers() throws {
        let calculator = try F.calculator(promotions: [try F.promotion("PR-1", skus: ["NUT-M8"], .amountOff(try F.eur("0.25")))])
        let line = try quote(calculator, sku: "NUT-M8", quantity: 2)
        #expect(try line.unitPrice == F.eur("1.75"))
        #expect(try line.extendedAmount == F.eur("3.50"))
        #expect(line.rule == PriceRule(kind: .promotion, id: "PR-1"))
    }

    @Test func lowestOfSeveralPromotionsWins() throws {
        let calculator = try F.calculator(promotions: [
            try F.promotion("PR-A", .percentOff(10)),
            try F.promotion("PR-B", .percentOff(20)),
            try F.promotion("PR-C", .amountOff(try F.eur("1.50"))),
        ])
        let line = try quote(calculator)
        #expect(try line.unitPrice == F.eur("8.00"))
        #expect(line.rule == PriceRule(kind: .promotion, id: "PR-B"))
    }

    @Test func promotionsGivingTheSamePriceTieByID() throws {
        let calculator = try F.calculator(promotions: [
            try F.promotion("PR-B", .percentOff(20)),
            try F.promotion("PR-A", .amountOff(try F.eur("2.00"))),
            try F.promotion("PR-C", .percentOff(20)),
        ])
        let line = try quote(calculator)
        #expect(try line.unitPrice == F.eur("8.00"))
        #expect(line.rule == PriceRule(kind: .promotion, id: "PR-A"))
    }

    @Test func promotionsDoNotStackWithEachOther() throws {
        let calculator = try F.calculator(promotions: [
            try F.promotion("PR-A", .percentOff(10)),
            try F.promotion("PR-B", skus: [], categories: ["fasteners"], .amountOff(try F.eur("1.00"))),
        ])
        let line = try quote(calculator)
        #expect(try line.unitPrice == F.eur("9.00"), "one promotion (9.00), never both (8.00 or 8.10)")
        #expect(line.rule == PriceRule(kind: .promotion, id: "PR-A"), "9.00 ties, PR-A before PR-B")
    }

    @Test func categoryScopedPromotionAppliesToEverySKUInTheCategory() throws {
        let calculator = try F.calculator(promotions: [try F.promotion("PR-FASTENERS", skus: [], categories: ["fasteners"], .percentOff(20))])
        let nut = try quote(calculator, sku: "NUT-M8")
        #expect(try nut.unitPrice == F.eur("1.60"))
        #expect(nut.rule == PriceRule(kind: .promotion, id: "PR-FASTENERS"))
        let bolt = try quote(calculator, sku: "BOLT-M8")
        #expect(try bolt.unitPrice == F.eur("8.00"))
        #expect(bolt.rule == PriceRule(kind: .promotion, id: "PR-FASTENERS"))
    }

    @Test func categoryScopedPromotionSkipsOtherCategories() throws {
        let calculator = try F.calculator(promotions: [try F.promotion("PR-FASTENERS", skus: [], categories: ["fasteners"], .percentOff(20))])
        let anchor = try quote(calculator, sku: "ANCHOR-X")
        #expect(try anchor.unitPrice == F.eur("5.00"))
        #expect(anchor.rule == PriceRule(kind: .list, id: F.listID))
    }

    @Test func skuScopedPromotionSkipsOtherSKUs() throws {
        let calculator = try F.calculator(promotions: [try F.promotion("PR-1", skus: ["BOLT-M8"], .percentOff(20))])
        let nut = try quote(calculator, sku: "NUT-M8")
        #expect(nut.rule == PriceRule(kind: .list, id: F.listID))
    }

    @Test func promotionAmountOffInAnotherCurrencyIsIgnored() throws {
        let calculator = try F.calculator(promotions: [try F.promotion("PR-USD", .amountOff(try F.usd("5.00")))])
        let line = try quote(calculator)
        #expect(try line.unitPrice == F.eur("10.00"))
        #expect(line.rule == PriceRule(kind: .list, id: F.listID))
    }

    @Test func promotionPercentAppliesInEveryCurrency() throws {
        let usdList = PriceList(
            id: "US-2027", currency: .USD, period: try F.openPeriod(),
            prices: [ListPrice(sku: "BOLT-M8", unitPrice: try F.usd("12.00"))]
        )
        let calculator = try F.calculator(lists: [try F.standardList(), usdList], promotions: [try F.promotion("PR-1", .percentOff(25))])
        let line = try quote(calculator, currency: .USD)
        #expect(try line.unitPrice == F.usd("9.00"))
        #expect(line.rule == PriceRule(kind: .promotion, id: "PR-1"))
    }

    // MARK: - Validity windows (start inclusive, end exclusive)

    @Test func listAppliesExactlyAtItsStart() throws {
        let line = try quote(try F.calculator(), at: try F.listStart())
        #expect(line.priceList == F.listID)
    }

    @Test func listDoesNotApplyOneMillisecondBeforeItsStart() throws {
        let instant = F.justBefore(try F.listStart())
        #expect(throws: PricingError.noPrice(sku: "BOLT-M8", currency: .EUR, at: instant)) {
            try quote(try F.calculator(), at: instant)
        }
    }

    @Test func listAppliesOneMillisecondBeforeItsEnd() throws {
        let end = try F.instant("2027-07-01T00:00:00Z")
        var list = try F.standardList()
        list.period = EffectivePeriod(start: try F.listStart(), end: end)
        let line = try quote(try F.calculator(lists: [list]), at: F.justBefore(end))
        #expect(try line.unitPrice == F.eur("10.00"))
        #expect(line.priceList == F.listID)
    }

    @Test func listDoesNotApplyExactlyAtItsEnd() throws {
        let end = try F.instant("2027-07-01T00:00:00Z")
        var list = try F.standardList()
        list.period = EffectivePeriod(start: try F.listStart(), end: end)
        #expect(throws: PricingError.noPrice(sku: "BOLT-M8", currency: .EUR, at: end)) {
            try quote(try F.calculator(lists: [list]), at: end)
        }
    }

    @Test func newerListSupersedesTheOlderFromItsStart() throws {
        let newStart = try F.instant("2027-07-01T00:00:00Z")
        let newer = PriceList(
            id: "EU-2027-H2", currency: .EUR, period: EffectivePeriod(start: newStart),
            prices: [ListPrice(sku: "BOLT-M8", category: "fasteners", unitPrice: try F.eur("11.00"))]
        )
        let calculator = try F.calculator(lists: [newer, try F.standardList()])
        let before = try quote(calculator, at: F.justBefore(newStart))
        #expect(try before.unitPrice == F.eur("10.00"))
        #expect(before.rule == PriceRule(kind: .list, id: F.listID))
        let from = try quote(calculator, at: newStart)
        #expect(try from.unitPrice == F.eur("11.00"))
        #expect(from.rule == PriceRule(kind: .list, id: "EU-2027-H2"))
        #expect(from.priceList == "EU-2027-H2")
    }

    @Test func newerListTakesTheWholeEntryIncludingTiers() throws {
        // The older list's 9.00 tier must not leak into the newer list's price for BOLT-M8.
        let newStart = try F.instant("2027-03-01T00:00:00Z")
        let newer = PriceList(
            id: "EU-2027-MAR", currency: .EUR, period: EffectivePeriod(start: newStart),
            prices: [ListPrice(sku: "BOLT-M8", unitPrice: try F.eur("11.00"))]
        )
        let line = try quote(try F.calculator(lists: [try F.standardList(), newer]), quantity: 10)
        #expect(try line.unitPrice == F.eur("11.00"))
        #expect(line.rule == PriceRule(kind: .list, id: "EU-2027-MAR"))
    }

    @Test func skuMissingFromTheNewerListFallsBackToTheOlderListInForce() throws {
        let newer = PriceList(
            id: "EU-2027-MAR", currency: .EUR, period: EffectivePeriod(start: try F.instant("2027-03-01T00:00:00Z")),
            prices: [ListPrice(sku: "BOLT-M8", unitPrice: try F.eur("11.00"))]
        )
        let line = try quote(try F.calculator(lists: [newer, try F.standardList()]), sku: "NUT-M8")
        #expect(try line.unitPrice == F.eur("2.00"))
        #expect(line.rule == PriceRule(kind: .list, id: F.listID))
        #expect(line.priceList == F.listID)
    }

    @Test func expiredNewerListNoLongerSupersedes() throws {
        let newer = PriceList(
            id: "EU-2027-FEB", currency: .EUR,
            period: EffectivePeriod(start: try F.instant("2027-02-01T00:00:00Z"), end: try F.instant("2027-03-01T00:00:00Z")),
            prices: [ListPrice(sku: "BOLT-M8", unitPrice: try F.eur("11.00"))]
        )
        let line = try quote(try F.calculator(lists: [newer, try F.standardList()]))
        #expect(line.rule == PriceRule(kind: .list, id: F.listID))
    }

    @Test func listsStartingTogetherTieByID() throws {
        let twin = PriceList(
            id: "EU-2027-A", currency: .EUR, period: try F.openPeriod(),
            prices: [ListPrice(sku: "BOLT-M8", unitPrice: try F.eur("12.00"))]
        )
        // "EU-2027" sorts before "EU-2027-A".
        let line = try quote(try F.calculator(lists: [twin, try F.standardList()]))
        #expect(line.rule == PriceRule(kind: .list, id: F.listID))
    }

    @Test func agreementAppliesExactlyAtItsStartAndNotJustBefore() throws {
        let start = try F.instant("2027-03-01T00:00:00Z")
        let calculator = try F.calculator(agreements: [
            try F.agreement("AG-1", period: EffectivePeriod(start: start), .fixedPrice(try F.eur("7.00"))),
        ])
        #expect(try quote(calculator, at: start).rule == PriceRule(kind: .agreement, id: "AG-1"))
        #expect(try quote(calculator, at: F.justBefore(start)).rule == PriceRule(kind: .list, id: F.listID))
    }

    @Test func agreementAppliesJustBeforeItsEndAndNotExactlyAtIt() throws {
        let end = try F.instant("2027-04-01T00:00:00Z")
        let calculator = try F.calculator(agreements: [
            try F.agreement("AG-1", period: EffectivePeriod(start: try F.listStart(), end: end), .fixedPrice(try F.eur("7.00"))),
        ])
        #expect(try quote(calculator, at: F.justBefore(end)).rule == PriceRule(kind: .agreement, id: "AG-1"))
        let atEnd = try quote(calculator, at: end)
        #expect(atEnd.rule == PriceRule(kind: .list, id: F.listID))
        #expect(try atEnd.unitPrice == F.eur("10.00"))
    }

    @Test func promotionAppliesExactlyAtItsStartAndNotJustBefore() throws {
        let start = try F.instant("2027-03-01T00:00:00Z")
        let calculator = try F.calculator(promotions: [
            try F.promotion("PR-1", period: EffectivePeriod(start: start, end: try F.instant("2027-04-01T00:00:00Z")), .percentOff(20)),
        ])
        #expect(try quote(calculator, at: start).rule == PriceRule(kind: .promotion, id: "PR-1"))
        #expect(try quote(calculator, at: F.justBefore(start)).rule == PriceRule(kind: .list, id: F.listID))
    }

    @Test func promotionAppliesJustBeforeItsEndAndNotExactlyAtIt() throws {
        let end = try F.instant("2027-04-01T00:00:00Z")
        let calculator = try F.calculator(promotions: [
            try F.promotion("PR-1", period: EffectivePeriod(start: try F.instant("2027-03-01T00:00:00Z"), end: end), .percentOff(20)),
        ])
        #expect(try quote(calculator, at: F.justBefore(end)).unitPrice == F.eur("8.00"))
        let atEnd = try quote(calculator, at: end)
        #expect(atEnd.rule == PriceRule(kind: .list, id: F.listID))
        #expect(try atEnd.unitPrice == F.eur("10.00"))
    }

    // MARK: - Rounding (half-even to the currency's minor units) and extended amounts

    /// 12.5 % off makes exact .5 ties: `x.5` minor units round to the even neighbour, up or down.
    @Test(arguments: [
        // JPY, 0 decimals: 100 × 0.875 = 87.5 → 88 (up to even); 140 × 0.875 = 122.5 → 122 (down to even).
        ("JPY", "100", "88"), ("JPY", "140", "122"),
        // EUR, 2 decimals: 1.00 × 0.875 = 0.875 → 0.88; 1.40 × 0.875 = 1.225 → 1.22.
        ("EUR", "1.00", "0.88"), ("EUR", "1.40", "1.22"),
        // BHD, 3 decimals: 0.100 × 0.875 = 0.0875 → 0.088; 0.140 × 0.875 = 0.1225 → 0.122.
        ("BHD", "0.100", "0.088"), ("BHD", "0.140", "0.122"),
        // KWD, 3 decimals, same ties.
        ("KWD", "0.100", "0.088"), ("KWD", "0.140", "0.122"),
    ])
    func promotionPercentRoundsHalfEvenInTheCurrencysMinorUnits(code: String, listPrice: String, expected: String) throws {
        let currency = try Currency(code: code)
        let list = PriceList(
            id: "LIST-\(code)", currency: currency, period: try F.openPeriod(),
            prices: [ListPrice(sku: "BOLT-M8", unitPrice: try Money.parse(listPrice, currency: currency))]
        )
        let calculator = try F.calculator(lists: [list], promotions: [try F.promotion("PR-1", .percentOff(F.twelveAndAHalfPercent))])
        let line = try quote(calculator, quantity: 3, currency: currency)
        let unit = try Money.parse(expected, currency: currency)
        #expect(line.unitPrice == unit)
        #expect(try line.extendedAmount == unit.multiplied(by: 3), "the rounded unit price times the quantity, exactly")
        #expect(line.rule == PriceRule(kind: .promotion, id: "PR-1"))
    }

    @Test(arguments: [
        // The tier price is the base for the agreement's percentage; ties both ways per currency.
        ("JPY", "100", "88"), ("JPY", "140", "122"),
        ("EUR", "1.00", "0.88"), ("EUR", "1.40", "1.22"),
        ("BHD", "0.100", "0.088"), ("BHD", "0.140", "0.122"),
    ])
    func agreementPercentOffTheTierRoundsHalfEven(code: String, tierPrice: String, expected: String) throws {
        let currency = try Currency(code: code)
        let base = try Money(minorUnits: Money.parse(tierPrice, currency: currency).minorUnits * 2, currency: currency)
        let list = PriceList(
            id: "LIST-\(code)", currency: currency, period: try F.openPeriod(),
            prices: [ListPrice(sku: "BOLT-M8", unitPrice: base, tiers: [PriceTier(minimumQuantity: 10, unitPrice: try Money.parse(tierPrice, currency: currency))])]
        )
        let agreement = try F.agreement("AG-1", currency: currency, .percentOff(F.twelveAndAHalfPercent))
        let line = try quote(try F.calculator(lists: [list], agreements: [agreement]), quantity: 10, currency: currency)
        let unit = try Money.parse(expected, currency: currency)
        #expect(line.unitPrice == unit)
        #expect(try line.extendedAmount == unit.multiplied(by: 10))
        #expect(line.rule == PriceRule(kind: .agreement, id: "AG-1"))
    }

    @Test func extendedAmountIsTheRoundedUnitPriceTimesTheQuantity() throws {
        // 0.875 per unit would give 2.625 → 2.62 for three; the rounded unit price 0.88 gives 2.64.
        let list = PriceList(id: "L", currency: .EUR, period: try F.openPeriod(), prices: [ListPrice(sku: "BOLT-M8", unitPrice: try F.eur("1.00"))])
        let calculator = try F.calculator(lists: [list], promotions: [try F.promotion("PR-1", .percentOff(F.twelveAndAHalfPercent))])
        let line = try quote(calculator, quantity: 3)
        #expect(try line.unitPrice == F.eur("0.88"))
        #expect(try line.extendedAmount == F.eur("2.64"))
    }

    // MARK: - Errors: currency, SKU, quantity, overflow

    @Test func quotingACurrencyWithNoPriceListIsNoPriceList() throws {
        #expect(throws: PricingError.noPriceList(.USD)) {
            try quote(try F.calculator(), currency: .USD)
        }
    }

    @Test func agreementInAnotherCurrencyIsNotUsed() throws {
        let usdList = PriceList(
            id: "US-2027", currency: .USD, period: try F.openPeriod(),
            prices: [ListPrice(sku: "BOLT-M8", unitPrice: try F.usd("12.00"))]
        )
        let calculator = try F.calculator(
            lists: [try F.standardList(), usdList],
            agreements: [try F.agreement("AG-EUR", currency: .EUR, .percentOff(50))]
        )
        let usd = try quote(calculator, currency: .USD)
        #expect(try usd.unitPrice == F.usd("12.00"))
        #expect(usd.rule == PriceRule(kind: .list, id: "US-2027"))
        let eur = try quote(calculator, currency: .EUR)
        #expect(eur.rule == PriceRule(kind: .agreement, id: "AG-EUR"), "the same agreement does apply to a EUR quote")
    }

    @Test func skuOnNoListIsUnknown() throws {
        #expect(throws: PricingError.unknownSKU("NO-SUCH-SKU")) {
            try quote(try F.calculator(), sku: "NO-SUCH-SKU")
        }
    }

    @Test func knownSKUWithNoListInForceHasNoPrice() throws {
        let instant = try F.instant("2026-06-01T00:00:00Z")
        #expect(throws: PricingError.noPrice(sku: "NUT-M8", currency: .EUR, at: instant)) {
            try quote(try F.calculator(), sku: "NUT-M8", at: instant)
        }
    }

    @Test func skuKnownOnlyInAnotherCurrencyHasNoPriceRatherThanUnknown() throws {
        let usdList = PriceList(
            id: "US-2027", currency: .USD, period: try F.openPeriod(),
            prices: [ListPrice(sku: "OTHER", unitPrice: try F.usd("1.00"))]
        )
        let instant = try F.quoteTime()
        #expect(throws: PricingError.noPrice(sku: "NUT-M8", currency: .USD, at: instant)) {
            try quote(try F.calculator(lists: [try F.standardList(), usdList]), sku: "NUT-M8", currency: .USD, at: instant)
        }
    }

    @Test(arguments: [0, -1, -1_000, PriceCalculator.maximumQuantity + 1, Int.max, Int.min])
    func quantityOutsideOneToMaximumIsInvalid(quantity: Int) throws {
        #expect(throws: PricingError.invalidQuantity(quantity)) {
            try quote(try F.calculator(), quantity: quantity)
        }
    }

    @Test func maximumQuantityIsAccepted() throws {
        let line = try quote(try F.calculator(), sku: "NUT-M8", quantity: PriceCalculator.maximumQuantity)
        #expect(line.extendedAmount == Money(minorUnits: 200 * 1_000_000_000, currency: .EUR))
    }

    @Test func extendedAmountOverflowIsAmountTooLarge() throws {
        let list = PriceList(
            id: "HUGE", currency: .EUR, period: try F.openPeriod(),
            prices: [ListPrice(sku: "GOLD-BAR", unitPrice: Money(minorUnits: Int64.max / 2, currency: .EUR))]
        )
        let calculator = try F.calculator(lists: [list])
        #expect(try quote(calculator, sku: "GOLD-BAR", quantity: 2).extendedAmount.minorUnits == Int64.max - 1)
        #expect(throws: PricingError.amountTooLarge) {
            try quote(calculator, sku: "GOLD-BAR", quantity: 3)
        }
    }

    @Test func errorsHaveStableCodes() throws {
        let instant = try F.quoteTime()
        #expect(PricingError.unknownSKU("X").code == "unknown-sku")
        #expect(PricingError.noPrice(sku: "X", currency: .EUR, at: instant).code == "no-price")
        #expect(PricingError.noPriceList(.USD).code == "no-price-list")
        #expect(PricingError.invalidQuantity(0).code == "invalid-quantity")
        #expect(PricingError.amountTooLarge.code == "amount-too-large")
        #expect(PricingError.currencyMismatch(expected: .EUR, found: .USD).code == "currency-mismatch")
    }
}
