import Foundation

/// `shipments.shipment.exception.v1`: a warehouse or carrier reported a problem with a shipment (damaged, address
/// not found, delayed…). The shipment's progress is unchanged; channels tell the customer, people follow up.
public struct ShipmentException: EventPayload, Hashable {
    public static let eventType: EventType = "shipments.shipment.exception.v1"

    public var shipmentID: String
    public var orderID: String
    public var warehouse: String
    /// The status the shipment had when the exception was reported.
    public var status: String
    /// What went wrong, in the reporter's words.
    public var reason: String
    public var carrier: String?
    public var trackingNumber: String?
    public var occurredAt: Date

    public init(
        shipmentID: String, orderID: String, warehouse: String, status: String, reason: String, carrier: String? = nil,
        trackingNumber: String? = nil, occurredAt: Date
    ) {
        self.shipmentID = shipmentID
        self.orderID = orderID
        self.warehouse = warehouse
        self.status = status
        self.reason = reason
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.occurredAt = occurredAt
    }
}
