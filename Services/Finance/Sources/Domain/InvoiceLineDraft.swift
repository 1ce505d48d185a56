import Contracts

/// One line of an invoice before tax: the shipped units of an order line at its priced amounts.
public struct InvoiceLineDraft: Sendable, Hashable, Codable {
    public var lineNumber: Int
    public var sku: String
    public var taxClass: String
    /// Units billed by this invoice.
    public var quantity: Int
    public var unitPrice: Money
    /// The billed net: `unitPrice × quantity`, or the rest of the extended amount on the invoice that
    /// completes the line.
    public var net: Money

    public init(lineNumber: Int, sku: String, taxClass: String, quantity: Int, unitPrice: Money, net: Money) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.taxClass = taxClass
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.net = net
    }
}
