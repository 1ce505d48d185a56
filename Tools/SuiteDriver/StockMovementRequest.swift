/// A stock movement from the ERP/WMS (`POST /v1/stock/movements`), idempotent by ``id``.
public struct StockMovementRequest: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// Goods in: on hand rises by the quantity.
        case receipt
        /// A signed correction of on hand (never below zero).
        case adjustment
        /// Unreserved units move from ``StockMovementRequest/warehouse`` to ``StockMovementRequest/toWarehouse``.
        case transfer
    }

    public var id: String
    public var kind: Kind
    public var sku: String
    public var warehouse: String
    public var quantity: Int
    public var toWarehouse: String?
    public var reference: String?

    public init(id: String, kind: Kind, sku: String, warehouse: String, quantity: Int, toWarehouse: String? = nil, reference: String? = nil) {
        self.id = id
        self.kind = kind
        self.sku = sku
        self.warehouse = warehouse
        self.quantity = quantity
        self.toWarehouse = toWarehouse
        self.reference = reference
    }

    /// A goods receipt of `quantity` units.
    public static func receipt(id: String, sku: String, warehouse: String, quantity: Int) -> StockMovementRequest {
        StockMovementRequest(id: id, kind: .receipt, sku: sku, warehouse: warehouse, quantity: quantity)
    }
}
