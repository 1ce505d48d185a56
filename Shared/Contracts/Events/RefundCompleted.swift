import Foundation

/// `finance.refund.completed.v1`: a return was credited (credit note) and the refund recorded.
public struct RefundCompleted: EventPayload, Hashable {
    public static let eventType: EventType = "finance.refund.completed.v1"

    public var refundID: String
    public var creditNoteNumber: String
    public var orderID: String
    public var rma: String
    public var customer: String
    /// The amount refunded, tax included.
    public var amount: Money
    public var completedAt: Date

    public init(refundID: String, creditNoteNumber: String, orderID: String, rma: String, customer: String, amount: Money, completedAt: Date) {
        self.refundID = refundID
        self.creditNoteNumber = creditNoteNumber
        self.orderID = orderID
        self.rma = rma
        self.customer = customer
        self.amount = amount
        self.completedAt = completedAt
    }
}
