import Foundation

/// `shipments.shipment.dispatched.v1`: a shipment left its warehouse (wholly or partly): inventory turns the
/// reservation into an issue of stock, finance invoices the shipped quantities, orders updates the timeline.
public struct ShipmentDispatched: EventPayload, Hashable {
    public static let eventType: EventType = "shipments.shipment.dispatched.v1"

    /// Units of one order line that left with this dispatch.
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
    /// Unique per dispatch of a shipment (a partial dispatch and its remainder are two dispatches).
    public var dispatchID: String
    public var orderID: String
    public var warehouse: String
    public var carrier: String?
    public var trackingNumber: String?
    public var lines: [Line]
    public var dispatchedAt: Date

    public init(
        shipmentID: String, dispatchID: String, orderID: String, warehouse: String, carrier: String? = nil,
        trackingNumber: String? = nil, lines: [Line], dispatchedAt: Date
    ) {
        self.shipmentID = shipmentID
        self.dispatchID = dispatchID
        self.orderID = orderID
        self.warehouse = warehouse
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.lines = lines
        self.dispatchedAt = dispatchedAt
    }
}
