import Contracts

/// A channel order as `POST /v1/orders` takes it (the canonical order). Unit prices, when sent, are decimal strings
/// in the order's currency; pricing compares them with Wholesail's.
public struct OrderSubmission: Codable, Sendable, Hashable {
    public struct Line: Codable, Sendable, Hashable {
        public var sku: String
        public var quantity: Int
        /// What the channel showed the buyer (optional).
        public var unitPrice: String?

        public init(sku: String, quantity: Int, unitPrice: String? = nil) {
            self.sku = sku
            self.quantity = quantity
            self.unitPrice = unitPrice
        }
    }

    /// The channel's own reference; one order per reference and channel.
    public var channelOrderReference: String
    public var customer: String
    public var currency: String
    public var shipTo: PostalAddress
    public var lines: [Line]
    /// `YYYY-MM-DD`.
    public var requestedDate: String?

    public init(channelOrderReference: String, customer: String, currency: String, shipTo: PostalAddress, lines: [Line], requestedDate: String? = nil) {
        self.channelOrderReference = channelOrderReference
        self.customer = customer
        self.currency = currency
        self.shipTo = shipTo
        self.lines = lines
        self.requestedDate = requestedDate
    }
}
