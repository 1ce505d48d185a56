import Foundation

/// `shipments.shipment.delivered.v1`: the carrier delivered a shipment; orders completes the order when every
/// shipment is delivered and invoiced.
public struct ShipmentDelivered: EventPayload, Hashable {
    public static let eventType: EventType = "shipments.shipment.delivered.v1"

    public var shipmentID: String
    public var orderID: String
    public var warehouse: String
    public var deliveredAt: Date

    public init(shipmentID: String, orderID: String, warehouse: String, deliveredAt: Date) {
        self.shipmentID = shipmentID
        self.orderID = orderID
        self.warehouse = warehouse
        self.deliveredAt = deliveredAt
    }
}
