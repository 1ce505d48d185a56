import Contracts

/// What earlier invoices of the order already billed for one line, so that a dispatch is never billed twice
/// and the last invoice of a line can take exactly the remainder of the extended amount.
public struct InvoicedSoFar: Sendable, Hashable {
    public var lineNumber: Int
    /// Units already invoiced.
    public var quantity: Int
    /// Net amount already invoiced.
    public var net: Money

    public init(lineNumber: Int, quantity: Int, net: Money) {
        self.lineNumber = lineNumber
        self.quantity = quantity
        self.net = net
    }
}
