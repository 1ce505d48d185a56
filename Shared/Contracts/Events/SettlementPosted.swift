import Foundation

/// `finance.settlement.posted.v1`: a settlement batch's balanced journal entries reached the ERP ledger, once,
/// with the control totals both sides can check.
public struct SettlementPosted: EventPayload, Hashable {
    public static let eventType: EventType = "finance.settlement.posted.v1"

    public var batchID: String
    public var currency: Currency
    /// The ERP's number for the posted journal batch.
    public var ledgerDocumentNumber: String
    /// Journal entries in the batch (one per invoice, payment, credit note or refund).
    public var entryCount: Int
    public var debitTotal: Money
    public var creditTotal: Money
    /// The sum of the account codes of every journal line: a check figure, not an amount.
    public var hashTotal: Int64
    /// Who approved a held batch; absent when the controls passed without approval.
    public var approvedBy: String?
    public var postedAt: Date

    public init(
        batchID: String, currency: Currency, ledgerDocumentNumber: String, entryCount: Int, debitTotal: Money, creditTotal: Money,
        hashTotal: Int64, approvedBy: String? = nil, postedAt: Date
    ) {
        self.batchID = batchID
        self.currency = currency
        self.ledgerDocumentNumber = ledgerDocumentNumber
        self.entryCount = entryCount
        self.debitTotal = debitTotal
        self.creditTotal = creditTotal
        self.hashTotal = hashTotal
        self.approvedBy = approvedBy
        self.postedAt = postedAt
    }
}
