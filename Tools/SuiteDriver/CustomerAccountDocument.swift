import Contracts
import Foundation

/// A customer's account with its current standing (`GET /v1/customers/{id}`): what is owed, what is held for
/// approved orders not yet invoiced, and the credit still available.
public struct CustomerAccountDocument: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var creditLimit: Money
    public var paymentTermsDays: Int
    public var creditHold: Bool
    /// Open invoices less unapplied payments.
    public var openReceivables: Money
    public var unappliedPayments: Money
    /// Credit held for approved orders until they are invoiced, rejected or cancelled.
    public var heldForOpenOrders: Money
    public var availableCredit: Money
    public var updatedAt: Date
}
