import Contracts

/// How one payment was spread over invoices, with what was left over, so that over-payments and references
/// that match nothing are recorded rather than lost.
public struct PaymentAllocation: Sendable, Hashable {
    /// In the order applied.
    public var applications: [PaymentApplication]
    /// Money not applied to any invoice (an over-payment, or money whose references matched too little).
    public var unapplied: Money
    /// References given with the payment that match no open invoice (by invoice number or order id), as given.
    public var unmatchedReferences: [String]

    public init(applications: [PaymentApplication], unapplied: Money, unmatchedReferences: [String]) {
        self.applications = applications
        self.unapplied = unapplied
        self.unmatchedReferences = unmatchedReferences
    }
}
