/// A dispatch or return arrived before finance kept the order's confirmation (the two travel on different routes):
/// the message is retried with back-off, and parked with this reason if the confirmation never comes.
public struct OrderNotYetKnown: Error, Sendable, CustomStringConvertible {
    public var orderID: String

    public var description: String {
        "order \(orderID) is not known to finance yet (orders.order.confirmed.v1 not received); retried with back-off — if it stays parked, replay the order's confirmation first"
    }
}
