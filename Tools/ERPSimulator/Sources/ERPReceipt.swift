/// The simulated ERP's answer to an accepted post: `201` the first time, `200` with `duplicate: true` for a
/// repeat of the idempotency key — always the same document number.
///
/// ```json
/// {"documentNumber":"SO-000001","duplicate":false,"idempotencyKey":"order-42"}
/// ```
public struct ERPReceipt: Codable, Sendable, Hashable {
    public let documentNumber: String
    public let idempotencyKey: String
    /// True when the key had been received before and no new document was made.
    public let duplicate: Bool

    public init(documentNumber: String, idempotencyKey: String, duplicate: Bool) {
        self.documentNumber = documentNumber
        self.idempotencyKey = idempotencyKey
        self.duplicate = duplicate
    }
}
