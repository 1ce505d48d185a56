import Foundation

/// `pricing.order.rejected.v1`: the order cannot be priced (unknown SKU, no price in the order's currency at
/// the order's time); orders rejects the order with these reasons.
public struct OrderPricingRejected: EventPayload, Hashable {
    public static let eventType: EventType = "pricing.order.rejected.v1"

    /// Why one line (or, with no line number, the whole order) has no price.
    public struct Reason: Codable, Sendable, Hashable {
        /// `unknown-sku`, `no-price`, `no-price-list`, `invalid-quantity`, `amount-too-large`, `currency-mismatch`
        /// (a line) or `no-lines` (the order).
        public var code: String
        public var lineNumber: Int?
        public var sku: String?
        /// A sentence for people: what is missing and what to load.
        public var detail: String

        public init(code: String, lineNumber: Int? = nil, sku: String? = nil, detail: String) {
            self.code = code
            self.lineNumber = lineNumber
            self.sku = sku
            self.detail = detail
        }
    }

    public var orderID: String
    public var customer: String
    public var currency: Currency
    public var priceVersion: Int64
    public var reasons: [Reason]

    public init(orderID: String, customer: String, currency: Currency, priceVersion: Int64, reasons: [Reason]) {
        self.orderID = orderID
        self.customer = customer
        self.currency = currency
        self.priceVersion = priceVersion
        self.reasons = reasons
    }
}
