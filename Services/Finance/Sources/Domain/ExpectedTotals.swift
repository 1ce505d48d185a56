import Contracts

/// What a batch's journal totals should be, computed independently of the journal: from the documents' header
/// totals. A difference means the journal does not represent the documents.
public struct ExpectedTotals: Sendable, Hashable, Codable {
    /// Number of documents (each should give one journal entry).
    public var count: Int
    public var debitTotal: Money
    public var creditTotal: Money

    public init(count: Int, debitTotal: Money, creditTotal: Money) {
        self.count = count
        self.debitTotal = debitTotal
        self.creditTotal = creditTotal
    }

    /// From the documents' header totals: count = documents, debit = credit = Σ total.
    /// - Throws: ``MoneyError/currencyMismatch(_:_:)`` for a document in another currency than `currency`;
    ///   ``MoneyError/overflow(operation:)``.
    public static func of(_ documents: [SettlementDocument], currency: Currency) throws(MoneyError) -> ExpectedTotals {
        var total = Money.zero(currency)
        for document in documents {
            guard document.currency == currency else { throw .currencyMismatch(currency, document.currency) }
            total = try total + document.total
        }
        return ExpectedTotals(count: documents.count, debitTotal: total, creditTotal: total)
    }
}
