/// The body of `POST /v1/stock/movements`: one stock movement from the ERP or WMS, idempotent by `id`.
///
/// ```json
/// {"id": "GR-2027-00042", "kind": "receipt", "sku": "BOLT-M8", "warehouse": "MUC", "quantity": 500, "reference": "PO-7781"}
/// ```
/// - `receipt`: `quantity` (≥ 1) units arrive: on hand rises.
/// - `adjustment`: `quantity` (non-zero, signed) corrects on hand; it may not take on hand below zero.
/// - `transfer`: `quantity` (≥ 1) units move from `warehouse` to `toWarehouse`; only unreserved units can move.
public struct MovementDocument: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case receipt
        case adjustment
        case transfer
    }

    public var id: String
    public var kind: Kind
    public var sku: String
    public var warehouse: String
    public var quantity: Int
    public var toWarehouse: String?
    public var reference: String?
}
