import Contracts

/// The double-entry record of one finance document: what the ERP ledger receives, traceable to the document
/// and its order.
public struct JournalEntry: Sendable, Hashable, Codable {
    public var documentKind: SettlementDocumentKind
    public var documentID: String
    public var documentNumber: String
    public var orderID: String?
    public var customer: String
    public var currency: Currency
    public var lines: [JournalLine]

    public init(
        documentKind: SettlementDocumentKind, documentID: String, documentNumber: String, orderID: String?, customer: String,
        currency: Currency, lines: [JournalLine]
    ) {
        self.documentKind = documentKind
        self.documentID = documentID
        self.documentNumber = documentNumber
        self.orderID = orderID
        self.customer = customer
        self.currency = currency
        self.lines = lines
    }

    /// The sum of the debits (zero without lines).
    /// - Throws: ``MoneyError`` when a line is in another currency than the entry, or on overflow.
    public var debitTotal: Money {
        get throws(MoneyError) { try Money.sum(lines.map(\.debit), in: currency) }
    }

    /// The sum of the credits (zero without lines).
    /// - Throws: ``MoneyError`` when a line is in another currency than the entry, or on overflow.
    public var creditTotal: Money {
        get throws(MoneyError) { try Money.sum(lines.map(\.credit), in: currency) }
    }

    /// Debits equal credits, all in the entry's currency. An entry whose totals cannot be computed (a line in
    /// another currency, overflow) is not balanced.
    public var isBalanced: Bool {
        do throws(MoneyError) {
            return try debitTotal == creditTotal
        } catch {
            return false
        }
    }
}
