import Foundation

/// `finance.credit.approved.v1`: the customer's open receivables, open approved orders and this order fit its
/// credit limit; the amount is held until the order is invoiced, rejected or cancelled.
public struct CreditApproved: EventPayload, Hashable {
    public static let eventType: EventType = "finance.credit.approved.v1"

    public var orderID: String
    public var customer: String
    /// The amount approved and held (the order's priced total).
    public var amount: Money
    public var approvedAt: Date

    public init(orderID: String, customer: String, amount: Money, approvedAt: Date) {
        self.orderID = orderID
        self.customer = customer
        self.amount = amount
        self.approvedAt = approvedAt
    }
}
