import Contracts

/// A line priced by the ``PriceCalculator``, with what explains it.
public struct PricedLine: Sendable, Hashable {
    public var sku: String
    public var quantity: Int
    /// The unit price charged, in the currency's minor units.
    public var unitPrice: Money
    /// `unitPrice × quantity`, exact (no further rounding).
    public var extendedAmount: Money
    /// The rule that produced ``unitPrice``.
    public var rule: PriceRule
    /// The price list the base price came from.
    public var priceList: String
    /// The list's base unit price (quantity 1), for comparison.
    public var listUnitPrice: Money
    /// The SKU's category on that list.
    public var category: String?

    public init(
        sku: String, quantity: Int, unitPrice: Money, extendedAmount: Money, rule: PriceRule,
        priceList: String, listUnitPrice: Money, category: String?
    ) {
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.extendedAmount = extendedAmount
        self.rule = rule
        self.priceList = priceList
        self.listUnitPrice = listUnitPrice
        self.category = category
    }
}
