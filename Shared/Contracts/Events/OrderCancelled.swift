/// `orders.order.cancelled.v1`: the channel or an operator cancelled the order before it shipped; inventory
/// releases its reservation, finance its credit hold.
public struct OrderCancelled: EventPayload, Hashable {
    public static let eventType: EventType = "orders.order.cancelled.v1"

    public var orderID: String
    /// Free text from the channel or operator.
    public var reason: String?

    public init(orderID: String, reason: String? = nil) {
        self.orderID = orderID
        self.reason = reason
    }
}
