import Contracts
import Foundation

/// A document the ERP simulator received (`GET /simulator/documents`): numbered once per idempotency key, with how
/// often it was delivered — how tests prove that nothing was posted twice.
public struct ERPDocument: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// From orders; the idempotency key is the order id.
        case salesOrders = "sales-orders"
        /// From finance; the idempotency key is the settlement batch id.
        case journalBatches = "journal-batches"
    }

    public var kind: Kind
    /// `SO-000001`, `JB-000001`, …
    public var documentNumber: String
    public var idempotencyKey: String
    public var receivedAt: Date
    /// Posts with this key, the first included.
    public var deliveries: Int
    /// Repeats whose body differed from the first.
    public var conflicts: Int
    /// The first delivery's JSON.
    public var body: JSONValue
}
