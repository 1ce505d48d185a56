import Contracts
import Foundation

/// A settlement batch (`POST /v1/settlements`, `GET /v1/settlements/{id}`): balanced journal entries of one currency,
/// their control totals, and where the batch stands on its way to the ERP ledger.
public struct SettlementBatchDocument: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable {
        /// Stopped by the controls; needs an approver other than the requester.
        case held
        /// Waiting to be posted (or being retried).
        case ready
        /// In the ERP ledger (``SettlementBatchDocument/ledgerDocumentNumber``).
        case posted
    }

    /// Entry count, debit and credit totals; `hashTotal` (sum of the account codes) only in the computed totals.
    public struct Totals: Codable, Sendable, Hashable {
        public var count: Int
        public var debitTotal: Money
        public var creditTotal: Money
        public var hashTotal: Int64?
    }

    public var id: String
    public var currency: String
    public var status: Status
    public var requestedBy: String
    public var createdAt: Date
    public var totals: Totals
    public var expected: Totals
    public var variance: Money
    public var unbalancedDocuments: [String]
    public var holdReasons: [String]
    public var approvedBy: String?
    public var approvedAt: Date?
    public var postingAttempts: Int
    public var lastPostingError: String?
    /// The ERP's journal batch number (`JB-…`) once posted.
    public var ledgerDocumentNumber: String?
    public var postedAt: Date?
}
