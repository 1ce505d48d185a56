/// The outcome of a credit check; a rejection carries the machine-readable reason of
/// `finance.credit.rejected.v1` and a sentence for people.
public enum CreditDecision: Sendable, Hashable {
    case approved
    /// `reason`: `credit-limit-exceeded`, `credit-hold`, `unknown-customer` or `currency-mismatch`.
    case rejected(reason: String, detail: String)

    /// Whether the order may proceed.
    public var isApproved: Bool {
        if case .approved = self { true } else { false }
    }
}
