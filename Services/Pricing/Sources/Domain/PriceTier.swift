import Contracts

/// A quantity break on a price list: from `minimumQuantity` units (at least 2), each unit costs `unitPrice`.
public struct PriceTier: Sendable, Hashable {
    public var minimumQuantity: Int
    public var unitPrice: Money

    public init(minimumQuantity: Int, unitPrice: Money) {
        self.minimumQuantity = minimumQuantity
        self.unitPrice = unitPrice
    }
}
