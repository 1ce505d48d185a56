import Foundation

/// `orders.return.authorized.v1`: the channel asked to return shipped goods and orders authorized it under an RMA
/// number; shipments expects the goods back, finance credits what comes back resalable.
public struct ReturnAuthorized: EventPayload, Hashable {
    public static let eventType: EventType = "orders.return.authorized.v1"

    /// Units of one order line authorized for return.
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

    /// The return merchandise authorization number, e.g. `RMA-000042`.
    public var rma: String
    public var orderID: String
    public var channel: String
    public var customer: String
    public var lines: [Line]
    /// Why the buyer returns the goods (free text from the channel).
    public var reason: String
    public var authorizedAt: Date

    public init(rma: String, orderID: String, channel: String, customer: String, lines: [Line], reason: String, authorizedAt: Date) {
        self.rma = rma
        self.orderID = orderID
        self.channel = channel
        self.customer = customer
        self.lines = lines
        self.reason = reason
        self.authorizedAt = authorizedAt
    }
}
