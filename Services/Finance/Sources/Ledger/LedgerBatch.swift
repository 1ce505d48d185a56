import Contracts
import Foundation

/// A settlement batch as the ERP ledger receives it: balanced journal entries in one currency, with the control
/// totals the ledger can check them against.
public struct LedgerBatch: Codable, Sendable, Hashable {
    public struct Totals: Codable, Sendable, Hashable {
        public var entryCount: Int
        public var debitTotal: Money
        public var creditTotal: Money
        public var hashTotal: Int64
    }

    public var batchID: String
    public var currency: Currency
    public var createdAt: Date
    public var controlTotals: Totals
    public var entries: [JournalEntry]

    public init(batchID: String, currency: Currency, createdAt: Date, controlTotals: Totals, entries: [JournalEntry]) {
        self.batchID = batchID
        self.currency = currency
        self.createdAt = createdAt
        self.controlTotals = controlTotals
        self.entries = entries
    }
}
