import Contracts

/// One SKU on a price list: its base unit price, its quantity tiers and its category (the scope promotions
/// and tax classes use).
public struct ListPrice: Sendable, Hashable {
    public var sku: String
    public var category: String?
    /// The price of one unit when no tier applies (quantity 1 and up).
    public var unitPrice: Money
    /// Quantity breaks, ascending by ``PriceTier/minimumQuantity`` (imports validate and sort them).
    public var tiers: [PriceTier]

    public init(sku: String, category: String? = nil, unitPrice: Money, tiers: [PriceTier] = []) {
        self.sku = sku
        self.category = category
        self.unitPrice = unitPrice
        self.tiers = tiers.sorted { $0.minimumQuantity < $1.minimumQuantity }
    }

    /// The list's unit price for `quantity`: the tier with the largest minimum quantity not above it, else the
    /// base price. `tier` is nil when the base price applies.
    public func unitPrice(forQuantity quantity: Int) -> (price: Money, tier: PriceTier?) {
        guard let tier = tiers.last(where: { $0.minimumQuantity <= quantity }) else { return (unitPrice, nil) }
        return (tier.unitPrice, tier)
    }
}
