import Contracts
import Foundation

/// A shipment as stored.
public struct ShipmentRecord: Sendable, Hashable {
    public var id: String
    public var orderID: String
    public var channel: String
    public var customer: String
    public var warehouse: String
    public var shipTo: PostalAddress
    public var status: ShipmentStatus
    public var carrier: String?
    public var trackingNumber: String?
    /// The latest exception reported, if any.
    public var exceptionReason: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// The channel's own order number (from `orders.order.confirmed.v1`); nil for shipments stored before it was kept.
    public var channelOrderReference: String?
    public var lines: [ShipmentLineState]
}
