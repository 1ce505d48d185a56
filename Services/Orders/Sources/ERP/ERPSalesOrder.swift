import Contracts

/// What is posted to the ERP for a confirmed order: the confirmation itself (priced lines, allocations, ship-to).
public struct ERPSalesOrder: Codable, Sendable, Hashable {
    /// Wholesail's order id, also the idempotency key.
    public var orderID: String
    /// The order's place in confirmation order.
    public var sequence: Int64
    public var order: OrderConfirmed

    public init(orderID: String, sequence: Int64, order: OrderConfirmed) {
        self.orderID = orderID
        self.sequence = sequence
        self.order = order
    }
}
