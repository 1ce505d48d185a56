import Foundation

/// `finance.credit.rejected.v1`: the order does not fit the customer's credit (or the account is on hold or
/// unknown); orders rejects the order with this reason.
public struct CreditRejected: EventPayload, Hashable {
    public static let eventType: EventType = "finance.credit.rejected.v1"

    public var orderID: String
    public var customer: String
    /// The order's priced total.
    public var amount: Money
    /// Machine-readable: `credit-limit-exceeded`, `credit-hold`, `unknown-customer`, `currency-mismatch`.
    public var reason: String
    /// For people: what was over by how much, or why the account is blocked.
    public var detail: String
    public var rejectedAt: Date

    public init(orderID: String, customer: String, amount: Money, reason: String, detail: String, rejectedAt: Date) {
        self.orderID = orderID
        self.customer = customer
        self.amount = amount
        self.reason = reason
        self.detail = detail
        self.rejectedAt = rejectedAt
    }
}
