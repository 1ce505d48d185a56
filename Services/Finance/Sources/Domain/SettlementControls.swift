import Contracts
import Foundation

/// The controls a settlement batch passes before it posts to the ERP ledger: every entry balances, the entry
/// count matches the documents, and the journal totals match the documents' totals within a tolerance.
public struct SettlementControls: Sendable, Hashable {
    /// The variance tolerated without approval, in percent of the expected debit total: 0 holds any variance;
    /// 0.5 holds a variance of more than 0.5 % of the expected debit total. Negative or NaN counts as 0.
    public var variancePercentThreshold: Decimal

    public init(variancePercentThreshold: Decimal) {
        self.variancePercentThreshold = variancePercentThreshold
    }

    /// Evaluates a batch's entries against the totals expected from its documents.
    ///
    /// Holds (sets ``SettlementControlResult/holdReasons``) when any entry is unbalanced, when the entry count
    /// differs from the expected count, or when the variance exceeds the threshold percentage of |expected debit
    /// total| (with an expected total of zero, any non-zero variance holds).
    /// - Throws: ``MoneyError/currencyMismatch(_:_:)`` when an entry or the expected totals are in another
    ///   currency than `currency` (never summed); ``MoneyError/overflow(operation:)``.
    public func evaluate(entries: [JournalEntry], expected: ExpectedTotals, currency: Currency) throws(MoneyError) -> SettlementControlResult {
        for amount in [expected.debitTotal, expected.creditTotal] where amount.currency != currency {
            throw .currencyMismatch(currency, amount.currency)
        }
        let totals = try ControlTotals.of(entries, currency: currency)
        let unbalanced = entries.filter { !$0.isBalanced }.map(\.documentID)
        let debitVariance = try Self.magnitude(of: totals.debitTotal - expected.debitTotal)
        let creditVariance = try Self.magnitude(of: totals.creditTotal - expected.creditTotal)
        let variance = debitVariance.minorUnits >= creditVariance.minorUnits ? debitVariance : creditVariance
        let (countVariance, countOverflow) = totals.count.subtractingReportingOverflow(expected.count)
        guard !countOverflow else { throw .overflow(operation: "count variance") }

        var reasons: [String] = []
        if !unbalanced.isEmpty {
            reasons.append(
                "\(unbalanced.count) journal entr\(unbalanced.count == 1 ? "y does" : "ies do") not balance (documents \(unbalanced.joined(separator: ", "))); the batch cannot be posted, even with approval, until those documents are corrected"
            )
        }
        if countVariance != 0 {
            reasons.append(
                "the batch has \(totals.count) journal entries but \(expected.count) documents were expected; a document was dropped or added, so a second user must review and approve the batch"
            )
        }
        if exceedsThreshold(variance: variance, expectedDebit: expected.debitTotal) {
            reasons.append(
                "journal totals (debit \(totals.debitTotal), credit \(totals.creditTotal)) differ from the documents' totals (\(expected.debitTotal)) by \(variance), more than the \(threshold) % variance threshold; a second user must review and approve the batch"
            )
        }
        return SettlementControlResult(
            totals: totals, expected: expected, unbalancedDocuments: unbalanced, variance: variance, countVariance: countVariance,
            holdReasons: reasons
        )
    }

    /// The threshold actually applied: negative or NaN thresholds are treated as 0 (the strictest).
    private var threshold: Decimal {
        variancePercentThreshold.isNaN || variancePercentThreshold < 0 ? 0 : variancePercentThreshold
    }

    /// `variance > threshold % × |expected debit|`, compared as `variance × 100 > threshold × |expected|` so that no
    /// division rounds. Decimal keeps 38 significant digits, exact for any 64-bit amount times a threshold of up
    /// to 19 digits.
    private func exceedsThreshold(variance: Money, expectedDebit: Money) -> Bool {
        guard !variance.isZero else { return false }
        return variance.decimalAmount * 100 > threshold * expectedDebit.decimalAmount.magnitude
    }

    private static func magnitude(of amount: Money) throws(MoneyError) -> Money {
        amount.isNegative ? try amount.negated() : amount
    }
}
