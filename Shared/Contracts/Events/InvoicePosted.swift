import Foundation

/// `finance.invoice.posted.v1`: finance invoiced a dispatch (the shipped quantities at the priced amounts, with tax).
public struct InvoicePosted: EventPayload, Hashable {
    public static let eventType: EventType = "finance.invoice.posted.v1"

    public var invoiceID: String
    /// The gap-free number in its series, e.g. `INV-2026-000123`.
    public var invoiceNumber: String
    public var orderID: String
    public var customer: String
    /// The dispatch this invoice bills.
    public var dispatchID: String
    public var net: Money
    public var tax: Money
    public var total: Money
    /// Payment due, `YYYY-MM-DD`.
    public var dueDate: String
    public var postedAt: Date

    public init(
        invoiceID: String, invoiceNumber: String, orderID: String, customer: String, dispatchID: String,
        net: Money, tax: Money, total: Money, dueDate: String, postedAt: Date
    ) {
        self.invoiceID = invoiceID
        self.invoiceNumber = invoiceNumber
        self.orderID = orderID
        self.customer = customer
        self.dispatchID = dispatchID
        self.net = net
        self.tax = tax
        self.total = total
        self.dueDate = dueDate
        self.postedAt = postedAt
    }
}
