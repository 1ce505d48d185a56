import Contracts

/// A time-boxed promotion: a percentage or amount off the list's base price for some SKUs or categories.
public struct Promotion: Sendable, Hashable {
    public var id: String
    public var period: EffectivePeriod
    public var skus: Set<String>
    public var categories: Set<String>
    /// ``PriceAdjustment/percentOff(_:)`` or ``PriceAdjustment/amountOff(_:)`` (an amount limits the promotion
    /// to that amount's currency).
    public var adjustment: PriceAdjustment

    public init(id: String, period: EffectivePeriod, skus: Set<String> = [], categories: Set<String> = [], adjustment: PriceAdjustment) {
        self.id = id
        self.period = period
        self.skus = skus
        self.categories = categories
        self.adjustment = adjustment
    }

    /// Whether the promotion can price in `currency` (percentages fit every currency).
    public func applies(to currency: Currency) -> Bool {
        adjustment.currency.map { $0 == currency } ?? true
    }
}
