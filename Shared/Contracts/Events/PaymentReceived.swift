import Foundation

/// `finance.payment.received.v1`: a payment from the gateway was recorded and applied to the customer's invoices
/// (oldest first, or to the invoices and orders it referenced); what could not be applied stays on account.
public struct PaymentReceived: EventPayload, Hashable {
    public static let eventType: EventType = "finance.payment.received.v1"

    /// One invoice the payment (partly) settled.
    public struct Application: Codable, Sendable, Hashable {
        public var invoiceID: String
        public var invoiceNumber: String
        public var orderID: String
        public var amount: Money
        /// What is still open on the invoice after this payment.
        public var invoiceOpen: Money

        public init(invoiceID: String, invoiceNumber: String, orderID: String, amount: Money, invoiceOpen: Money) {
            self.invoiceID = invoiceID
            self.invoiceNumber = invoiceNumber
            self.orderID = orderID
            self.amount = amount
            self.invoiceOpen = invoiceOpen
        }
    }

    /// The gateway's payment id (the idempotency key of the payment).
    public var paymentID: String
    public var customer: String
    public var amount: Money
    public var applications: [Application]
    /// The part of the payment no invoice took (an over-payment).
    public var unapplied: Money
    public var receivedAt: Date

    public init(paymentID: String, customer: String, amount: Money, applications: [Application], unapplied: Money, receivedAt: Date) {
        self.paymentID = paymentID
        self.customer = customer
        self.amount = amount
        self.applications = applications
        self.unapplied = unapplied
        self.receivedAt = receivedAt
    }
}
