import Contracts
import Foundation

/// A settlement batch as stored: its control totals, what was expected, why it is held, and how posting went.
public struct SettlementBatchRecord: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// The controls found a difference: waits for a second person's approval.
        case held
        /// Controls passed (or approved): the poster sends it to the ERP ledger.
        case ready
        /// In the ERP ledger, once.
        case posted
    }

    public var id: String
    public var currency: Currency
    public var status: Status
    public var requestedBy: String
    public var createdAt: Date
    public var totals: ControlTotals
    public var expected: ExpectedTotals
    public var variance: Money
    public var unbalancedDocuments: [String]
    public var holdReasons: [String]
    public var approvedBy: String?
    public var approvedAt: Date?
    public var postingAttempts: Int
    public var lastPostingError: String?
    public var ledgerDocumentNumber: String?
    public var postedAt: Date?
}
