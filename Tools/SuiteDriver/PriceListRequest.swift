import Foundation

/// A price list as the ERP feeds it to pricing (`PUT /v1/price-lists/{id}`, JSON form). Amounts are decimal strings in
/// the list's currency (`"0.42"`), never binary floating point.
public struct PriceListRequest: Codable, Sendable, Hashable {
    /// One SKU's base price and its quantity tiers.
    public struct Price: Codable, Sendable, Hashable {
        public var sku: String
        /// The SKU's category (promotion scope; finance also uses it as the tax class when no product class is set).
        public var category: String?
        public var unitPrice: String
        public var tiers: [Tier]?

        public init(sku: String, unitPrice: String, category: String? = nil, tiers: [Tier]? = nil) {
            self.sku = sku
            self.unitPrice = unitPrice
            self.category = category
            self.tiers = tiers
        }
    }

    /// The unit price from `minimumQuantity` units on (2 or more).
    public struct Tier: Codable, Sendable, Hashable {
        public var minimumQuantity: Int
        public var unitPrice: String

        public init(minimumQuantity: Int, unitPrice: String) {
            self.minimumQuantity = minimumQuantity
            self.unitPrice = unitPrice
        }
    }

    public var currency: String
    public var name: String?
    /// Inclusive start of validity.
    public var effectiveFrom: Date
    /// Exclusive end; open-ended when nil.
    public var effectiveTo: Date?
    public var prices: [Price]

    public init(currency: String, effectiveFrom: Date, effectiveTo: Date? = nil, name: String? = nil, prices: [Price]) {
        self.currency = currency
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.name = name
        self.prices = prices
    }
}
