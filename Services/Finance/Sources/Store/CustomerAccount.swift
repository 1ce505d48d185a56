import Contracts
import Foundation

/// A customer's account as imported from the ERP: what credit checks and invoices need.
public struct CustomerAccount: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var creditLimit: Money
    public var paymentTermsDays: Int
    public var onHold: Bool
    public var updatedAt: Date

    public var currency: Currency { creditLimit.currency }

    public init(id: String, name: String?, creditLimit: Money, paymentTermsDays: Int, onHold: Bool, updatedAt: Date) {
        self.id = id
        self.name = name
        self.creditLimit = creditLimit
        self.paymentTermsDays = paymentTermsDays
        self.onHold = onHold
        self.updatedAt = updatedAt
    }

    var creditAccount: CreditAccount {
        CreditAccount(customer: id, currency: currency, creditLimit: creditLimit, onHold: onHold)
    }
}
