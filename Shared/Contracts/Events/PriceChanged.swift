import Foundation

/// `pricing.price.changed.v1`: one SKU's price on one price list changed (or was removed) in a price version.
///
/// For channels that keep their own catalogue prices. `version` is the per-entity sequence: a consumer keeps
/// the highest version it has seen per (price list, SKU) and ignores older ones.
public struct PriceChanged: EventPayload, Hashable {
    public static let eventType: EventType = "pricing.price.changed.v1"

    /// A quantity tier: from `minimumQuantity` units, each costs `unitPrice`.
    public struct Tier: Codable, Sendable, Hashable {
        public var minimumQuantity: Int
        public var unitPrice: Money

        public init(minimumQuantity: Int, unitPrice: Money) {
            self.minimumQuantity = minimumQuantity
            self.unitPrice = unitPrice
        }
    }

    public var priceList: String
    public var sku: String
    public var currency: Currency
    /// The base price; absent when the SKU was removed from the list.
    public var unitPrice: Money?
    public var tiers: [Tier]
    public var effectiveFrom: Date
    public var effectiveTo: Date?
    public var version: Int64

    public init(
        priceList: String, sku: String, currency: Currency, unitPrice: Money?, tiers: [Tier],
        effectiveFrom: Date, effectiveTo: Date?, version: Int64
    ) {
        self.priceList = priceList
        self.sku = sku
        self.currency = currency
        self.unitPrice = unitPrice
        self.tiers = tiers
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.version = version
    }
}
