import Contracts
import Foundation

/// A document the simulated ERP accepted, as `GET /simulator/documents` lists it: what arrived first, and how
/// often it arrived again.
public struct ERPReceivedDocument: Codable, Sendable, Hashable {
    public let kind: ERPDocumentKind
    /// The number the ERP assigned, e.g. `SO-000001`.
    public let documentNumber: String
    public let idempotencyKey: String
    /// When the first delivery arrived.
    public let receivedAt: Date
    /// How many times the document was delivered: 1, plus one for each repeat of its idempotency key.
    public internal(set) var deliveries: Int
    /// How many repeats carried a body different from the first delivery's.
    public internal(set) var conflicts: Int
    /// The JSON object of the first delivery, as received.
    public let body: JSONValue

    public init(
        kind: ERPDocumentKind,
        documentNumber: String,
        idempotencyKey: String,
        receivedAt: Date,
        deliveries: Int,
        conflicts: Int,
        body: JSONValue
    ) {
        self.kind = kind
        self.documentNumber = documentNumber
        self.idempotencyKey = idempotencyKey
        self.receivedAt = receivedAt
        self.deliveries = deliveries
        self.conflicts = conflicts
        self.body = body
    }

    /// Deliveries beyond the first.
    public var duplicateDeliveries: Int { deliveries - 1 }
}
