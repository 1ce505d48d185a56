import Contracts

/// A customer's credit terms as imported from the ERP: the inputs of the credit check besides exposure.
public struct CreditAccount: Sendable, Hashable {
    public var customer: String
    /// The account's currency; orders in another currency are rejected, never converted.
    public var currency: Currency
    /// The most the customer may owe (open receivables plus approved, not yet invoiced orders).
    public var creditLimit: Money
    /// Credit hold set in the ERP (e.g. overdue invoices): every order is rejected while it is set.
    public var onHold: Bool

    public init(customer: String, currency: Currency, creditLimit: Money, onHold: Bool) {
        self.customer = customer
        self.currency = currency
        self.creditLimit = creditLimit
        self.onHold = onHold
    }
}
