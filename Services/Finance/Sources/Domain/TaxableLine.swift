import Contracts

/// An invoice line as the tax calculation sees it: what was sold (tax class) and for how much (net).
public struct TaxableLine: Sendable, Hashable {
    /// The order line number, used to keep results in line order and to break rounding ties.
    public var lineNumber: Int
    public var sku: String
    /// The product tax class the rate is looked up for, e.g. `"standard"`.
    public var taxClass: String
    /// The line's net amount (before tax). All lines of one calculation share a currency.
    public var net: Money

    public init(lineNumber: Int, sku: String, taxClass: String, net: Money) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.taxClass = taxClass
        self.net = net
    }
}
