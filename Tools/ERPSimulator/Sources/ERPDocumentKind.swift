/// The kinds of document the simulated ERP accepts, each at `POST /erp/v1/<rawValue>` and numbered in its own
/// gap-free series.
///
/// One mechanism serves every kind: Orders posts sales orders, Finance posts journal batches; both are stored
/// as received (any JSON object) and deduplicated by `Idempotency-Key`.
public enum ERPDocumentKind: String, CaseIterable, Codable, Sendable, Hashable {
    /// Confirmed orders posted by the Orders service; numbered `SO-000001`, `SO-000002`, …
    case salesOrders = "sales-orders"
    /// Settlement batches posted by the Finance service to the ledger; numbered `JB-000001`, `JB-000002`, …
    case journalBatches = "journal-batches"

    /// The prefix of the kind's document numbers.
    public var numberPrefix: String {
        switch self {
        case .salesOrders: "SO"
        case .journalBatches: "JB"
        }
    }

    /// The path the kind is posted to.
    public var path: String { "/erp/v1/\(rawValue)" }

    /// The document number for a position in the kind's series: `SO-000042` (at least six digits, zero-padded).
    public func documentNumber(_ position: Int) -> String {
        let digits = String(position)
        let padding = String(repeating: "0", count: max(0, 6 - digits.count))
        return "\(numberPrefix)-\(padding)\(digits)"
    }
}
