import Contracts

/// A customer account as the ERP feeds it to finance (`PUT /v1/customers/{id}`): the credit limit (its currency is
/// the account's), payment terms and hold flag. Finance rejects the credit of an order whose customer has none.
public struct CustomerAccountRequest: Codable, Sendable, Hashable {
    public var name: String?
    public var creditLimit: Money
    public var paymentTermsDays: Int
    public var creditHold: Bool

    public init(creditLimit: Money, paymentTermsDays: Int = 30, creditHold: Bool = false, name: String? = nil) {
        self.creditLimit = creditLimit
        self.paymentTermsDays = paymentTermsDays
        self.creditHold = creditHold
        self.name = name
    }
}
