import Foundation

/// `shipments.shipment.created.v1`: a confirmed order's allocation at one warehouse became a shipment to pick; the
/// warehouse (WMS) and channels learn what will leave where.
public struct ShipmentCreated: EventPayload, Hashable {
    public static let eventType: EventType = "shipments.shipment.created.v1"

    /// Units of one order line the shipment carries.
    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: Int
        public var sku: String
        public var quantity: Int

        public init(lineNumber: Int, sku: String, quantity: Int) {
            self.lineNumber = lineNumber
            self.sku = sku
            self.quantity = quantity
        }
    }

    public var shipmentID: String
    public var orderID: String
    public var channel: String
    public var channelOrderReference: String
    public var customer: String
    public var warehouse: String
    public var shipTo: PostalAddress
    public var lines: [Line]
    public var createdAt: Date

    public init(
        shipmentID: String, orderID: String, channel: String, channelOrderReference: String, customer: String, warehouse: String,
        shipTo: PostalAddress, lines: [Line], createdAt: Date
    ) {
        self.shipmentID = shipmentID
        self.orderID = orderID
        self.channel = channel
        self.channelOrderReference = channelOrderReference
        self.customer = customer
        self.warehouse = warehouse
        self.shipTo = shipTo
        self.lines = lines
        self.createdAt = createdAt
    }
}
