import Contracts

/// An order line as pricing priced it (from `pricing.order.priced.v1`): the basis every invoice of the order
/// bills from, so invoices never re-price.
public struct PricedLine: Sendable, Hashable, Codable {
    public var lineNumber: Int
    public var sku: String
    /// Units ordered.
    public var quantity: Int
    public var unitPrice: Money
    /// The line's priced amount for all ordered units; the line's invoices add up to exactly this.
    public var extendedAmount: Money
    /// The product tax class the tax table is looked up with, e.g. `"standard"`.
    public var taxClass: String

    public init(lineNumber: Int, sku: String, quantity: Int, unitPrice: Money, extendedAmount: Money, taxClass: String) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.extendedAmount = extendedAmount
        self.taxClass = taxClass
    }
}
