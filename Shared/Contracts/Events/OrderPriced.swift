import Foundation

/// `pricing.order.priced.v1`: every line of an order has Wholesail's price; finance credit-checks the total,
/// orders keeps the priced lines for confirmation and invoicing.
public struct OrderPriced: EventPayload, Hashable {
    public static let eventType: EventType = "pricing.order.priced.v1"

    /// A channel unit price that differs from Wholesail's by more than the configured tolerance
    /// (the margin-leakage guard): the order is still priced at Wholesail's price.
    public struct PriceMismatch: Codable, Sendable, Hashable {
        public var channelUnitPrice: Money
        /// Channel price minus Wholesail's price (negative: the channel showed less).
        public var difference: Money
        /// The tolerance that was exceeded, in percent of Wholesail's unit price, e.g. `"0.5"`.
        public var tolerancePercent: String

        public init(channelUnitPrice: Money, difference: Money, tolerancePercent: String) {
            self.channelUnitPrice = channelUnitPrice
            self.difference = difference
            self.tolerancePercent = tolerancePercent
        }
    }

    /// One priced line.
    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: Int
        public var sku: String
        public var quantity: Int
        public var unitPrice: Money
        /// `unitPrice × quantity`, exact.
        public var extendedAmount: Money
        public var rule: PriceRule
        /// The product's tax class from the price list (finance's tax table uses it), when the list gives one.
        public var category: String?
        /// Present only when the channel's unit price is outside the tolerance.
        public var priceMismatch: PriceMismatch?

        public init(
            lineNumber: Int, sku: String, quantity: Int, unitPrice: Money, extendedAmount: Money, rule: PriceRule,
            category: String? = nil, priceMismatch: PriceMismatch? = nil
        ) {
            self.lineNumber = lineNumber
            self.sku = sku
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.extendedAmount = extendedAmount
            self.rule = rule
            self.category = category
            self.priceMismatch = priceMismatch
        }
    }

    public var orderID: String
    public var customer: String
    public var currency: Currency
    /// The price version every line was priced from (one version per order, never a mix).
    public var priceVersion: Int64
    /// The instant prices were taken at (the order's `receivedAt`).
    public var pricedAt: Date
    public var lines: [Line]
    /// Sum of the extended amounts (net of tax).
    public var total: Money
    /// Lines whose channel price was outside the tolerance.
    public var mismatchedLines: Int

    public init(
        orderID: String, customer: String, currency: Currency, priceVersion: Int64, pricedAt: Date,
        lines: [Line], total: Money, mismatchedLines: Int
    ) {
        self.orderID = orderID
        self.customer = customer
        self.currency = currency
        self.priceVersion = priceVersion
        self.pricedAt = pricedAt
        self.lines = lines
        self.total = total
        self.mismatchedLines = mismatchedLines
    }
}
