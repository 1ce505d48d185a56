import Foundation

/// `orders.order.received.v1`: a channel's order was accepted and stored; pricing prices it, inventory reserves it.
///
/// Carries everything the first steps need (event-carried state): the customer for pricing, the ship-to for
/// routing, and the channel's own unit prices so pricing can flag a storefront that shows a different price.
public struct OrderReceived: EventPayload, Hashable {
    public static let eventType: EventType = "orders.order.received.v1"

    /// One ordered line.
    public struct Line: Codable, Sendable, Hashable {
        /// 1-based position in the order; the key every later event uses for the line.
        public var lineNumber: Int
        public var sku: String
        /// Units ordered, at least 1.
        public var quantity: Int
        /// The unit price the channel showed the buyer, when it sent one.
        public var channelUnitPrice: Money?

        public init(lineNumber: Int, sku: String, quantity: Int, channelUnitPrice: Money? = nil) {
            self.lineNumber = lineNumber
            self.sku = sku
            self.quantity = quantity
            self.channelUnitPrice = channelUnitPrice
        }
    }

    /// Wholesail's order id (also the correlation id of every event of this order).
    public var orderID: String
    public var channel: String
    /// The channel's own order number; unique per channel.
    public var channelOrderReference: String
    /// The ERP customer number.
    public var customer: String
    public var currency: Currency
    public var shipTo: PostalAddress
    public var lines: [Line]
    /// The delivery date the buyer asked for, `YYYY-MM-DD`.
    public var requestedDate: String?
    /// The buyer's purchase order number (B2B `po_number`, EDI BEG03), when the channel sent one: what the buyer's
    /// accounts payable matches invoices by.
    public var purchaseOrderNumber: String?
    /// When Wholesail accepted the order: prices and promotions are those in force at this instant.
    public var receivedAt: Date

    public init(
        orderID: String, channel: String, channelOrderReference: String, customer: String, currency: Currency,
        shipTo: PostalAddress, lines: [Line], requestedDate: String? = nil, purchaseOrderNumber: String? = nil, receivedAt: Date
    ) {
        self.purchaseOrderNumber = purchaseOrderNumber
        self.orderID = orderID
        self.channel = channel
        self.channelOrderReference = channelOrderReference
        self.customer = customer
        self.currency = currency
        self.shipTo = shipTo
        self.lines = lines
        self.requestedDate = requestedDate
        self.receivedAt = receivedAt
    }
}
