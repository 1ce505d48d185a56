import Contracts
import Foundation

/// A payment from the gateway (`POST /v1/payments`), idempotent by ``paymentID``. Applied to the invoices the
/// references name (invoice numbers or order ids), else oldest first.
public struct PaymentRequest: Codable, Sendable, Hashable {
    public var paymentID: String
    public var customer: String
    public var amount: Money
    public var references: [String]?
    public var receivedAt: Date?

    public init(paymentID: String, customer: String, amount: Money, references: [String]? = nil, receivedAt: Date? = nil) {
        self.paymentID = paymentID
        self.customer = customer
        self.amount = amount
        self.references = references
        self.receivedAt = receivedAt
    }
}
