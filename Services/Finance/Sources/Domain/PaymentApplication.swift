import Contracts

/// The part of a payment that settles one invoice.
public struct PaymentApplication: Sendable, Hashable, Codable {
    public var invoiceID: String
    public var invoiceNumber: String
    public var orderID: String
    /// Always positive and at most the invoice's open amount.
    public var amount: Money

    public init(invoiceID: String, invoiceNumber: String, orderID: String, amount: Money) {
        self.invoiceID = invoiceID
        self.invoiceNumber = invoiceNumber
        self.orderID = orderID
        self.amount = amount
    }
}
