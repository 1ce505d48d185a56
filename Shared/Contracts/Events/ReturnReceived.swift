import Foundation

/// `shipments.return.received.v1`: goods of an authorised return (RMA) arrived at a warehouse: inventory
/// restocks the resalable units (and quarantines the damaged ones), finance credits and refunds.
public struct ReturnReceived: EventPayload, Hashable {
    public static let eventType: EventType = "shipments.return.received.v1"

    /// The state the goods came back in.
    public enum Condition: String, Codable, Sendable, Hashable {
        case resalable
        case damaged
    }

    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: Int
        public var sku: String
        public var quantity: Int
        public var condition: Condition

        public init(lineNumber: Int, sku: String, quantity: Int, condition: Condition) {
            self.lineNumber = lineNumber
            self.sku = sku
            self.quantity = quantity
            self.condition = condition
        }
    }

    public var rma: String
    /// Unique per receipt (an RMA may arrive in several parcels).
    public var receiptID: String
    public var orderID: String
    public var warehouse: String
    public var lines: [Line]
    public var receivedAt: Date

    public init(rma: String, receiptID: String, orderID: String, warehouse: String, lines: [Line], receivedAt: Date) {
        self.rma = rma
        self.receiptID = receiptID
        self.orderID = orderID
        self.warehouse = warehouse
        self.lines = lines
        self.receivedAt = receivedAt
    }
}
