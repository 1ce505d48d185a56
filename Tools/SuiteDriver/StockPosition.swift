/// One SKU's stock in one warehouse, as inventory reports it (`GET /v1/positions`, movement answers).
public struct StockPosition: Codable, Sendable, Hashable {
    public var sku: String
    public var warehouse: String
    public var onHand: Int
    public var reserved: Int
    /// On hand − reserved, never below zero.
    public var available: Int
}
