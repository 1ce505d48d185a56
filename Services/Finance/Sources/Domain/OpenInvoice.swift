import Contracts
import Foundation

/// An invoice with an amount still to be paid: what a payment can be applied to.
public struct OpenInvoice: Sendable, Hashable {
    public var invoiceID: String
    /// The gap-free number a customer quotes as a payment reference, e.g. `INV-2026-000123`.
    public var invoiceNumber: String
    /// The order the invoice bills; customers may quote it as a payment reference instead.
    public var orderID: String
    /// Orders invoices oldest first when a payment names none.
    public var issuedAt: Date
    /// Total minus what earlier payments and credit notes settled.
    public var open: Money

    public init(invoiceID: String, invoiceNumber: String, orderID: String, issuedAt: Date, open: Money) {
        self.invoiceID = invoiceID
        self.invoiceNumber = invoiceNumber
        self.orderID = orderID
        self.issuedAt = issuedAt
        self.open = open
    }
}
