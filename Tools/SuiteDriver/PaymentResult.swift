import Contracts

/// Finance's answer to a payment: the payment as announced in `finance.payment.received.v1` (each application and
/// what each invoice still owes), and the references that matched no open invoice.
public struct PaymentResult: Codable, Sendable, Hashable {
    public var payment: PaymentReceived
    public var unmatchedReferences: [String]
}
