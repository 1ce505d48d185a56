import Contracts

/// What a customer already owes or has committed to, in the account's currency: the credit a new order must
/// fit on top of.
public struct CreditExposure: Sendable, Hashable {
    /// Invoiced and not yet paid (invoices − payments − credit notes).
    public var openReceivables: Money
    /// Approved orders not yet invoiced, rejected or cancelled: their credit is held for them.
    public var openApprovedOrders: Money

    public init(openReceivables: Money, openApprovedOrders: Money) {
        self.openReceivables = openReceivables
        self.openApprovedOrders = openApprovedOrders
    }
}
