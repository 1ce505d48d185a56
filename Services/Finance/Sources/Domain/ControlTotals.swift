import Contracts

/// Batch control totals computed from the journal entries themselves: the classic batch controls that let the
/// ledger (and an auditor) confirm that nothing was dropped, added, changed or posted to another account.
public struct ControlTotals: Sendable, Hashable, Codable {
    /// Number of journal entries (one per document).
    public var count: Int
    public var debitTotal: Money
    public var creditTotal: Money
    /// Σ over all journal lines of the account code: detects a dropped, added or re-accounted line even when
    /// the money totals still agree.
    public var hashTotal: Int64

    public init(count: Int, debitTotal: Money, creditTotal: Money, hashTotal: Int64) {
        self.count = count
        self.debitTotal = debitTotal
        self.creditTotal = creditTotal
        self.hashTotal = hashTotal
    }

    /// The totals of `entries`, all of which must be in `currency` (amounts in different currencies are never
    /// summed).
    /// - Throws: ``MoneyError/currencyMismatch(_:_:)`` for an entry or line in another currency;
    ///   ``MoneyError/overflow(operation:)`` when a total does not fit.
    public static func of(_ entries: [JournalEntry], currency: Currency) throws(MoneyError) -> ControlTotals {
        var debit = Money.zero(currency)
        var credit = Money.zero(currency)
        var hash: Int64 = 0
        for entry in entries {
            guard entry.currency == currency else { throw .currencyMismatch(currency, entry.currency) }
            for line in entry.lines {
                debit = try debit + line.debit
                credit = try credit + line.credit
                let (sum, overflow) = hash.addingReportingOverflow(Int64(line.account.code))
                guard !overflow else { throw .overflow(operation: "hash total") }
                hash = sum
            }
        }
        return ControlTotals(count: entries.count, debitTotal: debit, creditTotal: credit, hashTotal: hash)
    }
}
