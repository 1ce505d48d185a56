import Contracts
import Foundation

/// An order as the orders schema holds it.
public struct OrderRecord: Sendable, Hashable {
    public var id: String
    public var channel: String
    public var status: OrderStatus
    /// The `orders.order.received.v1` payload: what was ordered.
    public var document: OrderReceived
    public var attentionReason: String?
    public var erpDocumentNumber: String?
    public var updatedAt: Date
}
