import Contracts
import Foundation
import Testing
@testable import Finance

/// ``ControlTotals``, ``ExpectedTotals`` and ``SettlementControls``: batch control totals, the variance threshold,
/// and the rule that an unbalanced batch is never postable.
@Suite("Finance domain: settlement controls")
struct SettlementControlsTests {
    private func eur(_ amount: String) throws -> Money {
        try DomainFixtures.money(amount, "EUR")
    }

    private var euro: Currency {
        get throws { try DomainFixtures.currency("EUR") }
    }

    private func document(_ kind: SettlementDocumentKind, _ id: String, net: String, tax: String = "0.00", total: String? = nil) throws -> SettlementDocument {
        let sum = try eur(net) + eur(tax)
        return SettlementDocument(
            kind: kind, id: id, number: id.uppercased(), orderID: "O-1", customer: "C-1", currency: try euro,
            net: try eur(net), tax: try eur(tax), total: try total.map(eur) ?? sum, occurredAt: try DomainFixtures.instant("2026-03-01T10:00:00Z")
        )
    }

    /// An invoice of 800.00 + 152.00 tax and a payment of 48.00: expected debit = credit = 952.00 + 48.00 = 1000.00.
    private func documents() throws -> [SettlementDocument] {
        [try document(.invoice, "inv-1", net: "800.00", tax: "152.00"), try document(.payment, "pay-1", net: "48.00")]
    }

    private func entries(_ documents: [SettlementDocument]) throws -> [JournalEntry] {
        try documents.map(JournalBuilder.entry(for:))
    }

    // MARK: - Totals

    /// Invoice lines 1100 + 4000 + 2200 and payment lines 1000 + 1100: hash total 9400.
    @Test func controlTotalsSumTheLinesAndTheAccountCodes() throws {
        let totals = try ControlTotals.of(try entries(try documents()), currency: try euro)
        #expect(totals == ControlTotals(count: 2, debitTotal: try eur("1000.00"), creditTotal: try eur("1000.00"), hashTotal: 9_400))
    }

    /// Posting revenue to cash instead keeps debits and credits equal but changes the hash total.
    @Test func hashTotalDetectsALinePostedToAnotherAccount() throws {
        var batch = try entries(try documents())
        let before = try ControlTotals.of(batch, currency: try euro)
        batch[0].lines[1].account = .cash
        let after = try ControlTotals.of(batch, currency: try euro)
        #expect(after.debitTotal == before.debitTotal && after.creditTotal == before.creditTotal)
        #expect(after.hashTotal == before.hashTotal - 3_000)
    }

    @Test func controlTotalsRefuseEntriesInAnotherCurrency() throws {
        var batch = try entries(try documents())
        batch[1].currency = try DomainFixtures.currency("USD")
        #expect(throws: MoneyError.self) {
            try ControlTotals.of(batch, currency: try euro)
        }
    }

    @Test func expectedTotalsComeFromTheHeaderTotals() throws {
        let expected = try ExpectedTotals.of(
            [try document(.invoice, "inv-1", net: "10.00", tax: "1.90", total: "11.95"), try document(.payment, "pay-1", net: "5.00")],
            currency: try euro
        )
        #expect(expected == ExpectedTotals(count: 2, debitTotal: try eur("16.95"), creditTotal: try eur("16.95")))
    }

    @Test func expectedTotalsRefuseDocumentsInAnotherCurrency() throws {
        var foreign = try document(.payment, "pay-1", net: "5.00")
        foreign.currency = try DomainFixtures.currency("USD")
        #expect(throws: MoneyError.self) {
            try ExpectedTotals.of([foreign], currency: try euro)
        }
    }

    // MARK: - Controls

    @Test func aCleanBatchNeedsNoApproval() throws {
        let documents = try documents()
        let result = try SettlementControls(variancePercentThreshold: 0)
            .evaluate(entries: try entries(documents), expected: try ExpectedTotals.of(documents, currency: try euro), currency: try euro)
        #expect(result.holdReasons.isEmpty)
        #expect(!result.requiresApproval)
        #expect(result.isPostable)
        #expect(result.variance.isZero)
        #expect(result.countVariance == 0)
    }

    /// The invoice header says 951.96 but its lines give 952.00: variance 0.04 of 1000.00 expected is 0.004 %,
    /// within a 0.5 % threshold (5.00).
    @Test func varianceWithinTheThresholdPasses() throws {
        let documents = [try document(.invoice, "inv-1", net: "800.00", tax: "152.00", total: "951.96"), try document(.payment, "pay-1", net: "48.04")]
        let expected = try ExpectedTotals.of(documents, currency: try euro)
        #expect(expected.debitTotal == (try eur("1000.00")))
        let result = try SettlementControls(variancePercentThreshold: Decimal(string: "0.5") ?? 0)
            .evaluate(entries: try entries(documents), expected: expected, currency: try euro)
        #expect(result.variance == (try eur("0.04")))
        #expect(!result.requiresApproval)
    }

    /// Journal entries for the invoice (952.00) and a payment of `payment`, against the expected 1000.00.
    private func evaluate(payment: String, threshold: String) throws -> SettlementControlResult {
        let batch = try entries([try document(.invoice, "inv-1", net: "800.00", tax: "152.00"), try document(.payment, "pay-1", net: payment)])
        let expected = ExpectedTotals(count: 2, debitTotal: try eur("1000.00"), creditTotal: try eur("1000.00"))
        return try SettlementControls(variancePercentThreshold: try #require(Decimal(string: threshold)))
            .evaluate(entries: batch, expected: expected, currency: try euro)
    }

    /// Exactly at the threshold is not "more than" it: 5.00 on an expected 1000.00 at 0.5 % passes.
    @Test func varianceExactlyAtTheThresholdPasses() throws {
        let result = try evaluate(payment: "53.00", threshold: "0.5")
        #expect(result.variance == (try eur("5.00")))
        #expect(!result.requiresApproval)
    }

    /// 5.01 on an expected 1000.00 is above 0.5 % (5.00): held for approval, but postable once approved.
    @Test func varianceAboveTheThresholdHoldsForApproval() throws {
        let result = try evaluate(payment: "53.01", threshold: "0.5")
        #expect(result.variance == (try eur("5.01")))
        #expect(result.requiresApproval)
        #expect(result.holdReasons.count == 1)
        #expect(result.holdReasons.first?.contains("5.01 EUR") == true)
        #expect(result.isPostable)
    }

    @Test func zeroThresholdHoldsAnyVariance() throws {
        let batch = try entries(try documents())
        let expected = ExpectedTotals(count: 2, debitTotal: try eur("999.99"), creditTotal: try eur("999.99"))
        let result = try SettlementControls(variancePercentThreshold: 0).evaluate(entries: batch, expected: expected, currency: try euro)
        #expect(result.variance == (try eur("0.01")))
        #expect(result.requiresApproval)
    }

    @Test func zeroExpectedTotalHoldsAnyVariance() throws {
        let batch = try entries(try documents())
        let expected = ExpectedTotals(count: 2, debitTotal: try eur("0.00"), creditTotal: try eur("0.00"))
        let result = try SettlementControls(variancePercentThreshold: 50).evaluate(entries: batch, expected: expected, currency: try euro)
        #expect(result.requiresApproval)
    }

    /// The larger of the debit and credit variances counts.
    @Test func varianceIsTheLargerOfDebitAndCreditDifferences() throws {
        let batch = try entries(try documents())
        let expected = ExpectedTotals(count: 2, debitTotal: try eur("1000.02"), creditTotal: try eur("999.90"))
        let result = try SettlementControls(variancePercentThreshold: 1).evaluate(entries: batch, expected: expected, currency: try euro)
        #expect(result.variance == (try eur("0.10")))
    }

    @Test func unbalancedEntryIsNeverPostable() throws {
        let documents = try documents()
        var batch = try entries(documents)
        batch[0].lines[2].credit = try eur("151.00")  // tax credited 1.00 short
        let result = try SettlementControls(variancePercentThreshold: 100)
            .evaluate(entries: batch, expected: try ExpectedTotals.of(documents, currency: try euro), currency: try euro)
        #expect(result.unbalancedDocuments == ["inv-1"])
        #expect(!result.isPostable)
        #expect(result.requiresApproval)
        #expect(result.holdReasons.first?.contains("inv-1") == true)
    }

    @Test func missingDocumentEntryHoldsOnCountVariance() throws {
        let documents = try documents() + [try document(.payment, "pay-2", net: "0.00")]
        let batch = try entries(Array(documents.prefix(2)))
        let result = try SettlementControls(variancePercentThreshold: 0)
            .evaluate(entries: batch, expected: try ExpectedTotals.of(documents, currency: try euro), currency: try euro)
        #expect(result.variance.isZero)
        #expect(result.countVariance == -1)
        #expect(result.requiresApproval)
        #expect(result.isPostable)
    }

    @Test func expectedTotalsInAnotherCurrencyThrow() throws {
        let dollars = ExpectedTotals(count: 0, debitTotal: try DomainFixtures.money("0.00", "USD"), creditTotal: try DomainFixtures.money("0.00", "USD"))
        #expect(throws: MoneyError.self) {
            try SettlementControls(variancePercentThreshold: 0).evaluate(entries: [], expected: dollars, currency: try euro)
        }
    }
}
