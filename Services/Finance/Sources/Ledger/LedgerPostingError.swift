/// Why posting a settlement batch to the ERP ledger failed.
public enum LedgerPostingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The ERP is slow, down or overloaded: the batch is posted again later, under the same idempotency key.
    case unavailable(String)
    /// The ERP refused the batch and will refuse it again: it stays ready, retried at the longest back-off, and an
    /// operator must look at it (the reason is on the batch).
    case refused(String)

    public var description: String {
        switch self {
        case .unavailable(let reason): "ERP ledger unavailable: \(reason)"
        case .refused(let reason): "ERP ledger refused the batch: \(reason)"
        }
    }
}
