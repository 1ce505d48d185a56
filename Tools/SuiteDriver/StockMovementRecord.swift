/// Inventory's answer to a movement: the positions it changed, after the change.
public struct StockMovementRecord: Codable, Sendable, Hashable {
    public var id: String
    public var kind: StockMovementRequest.Kind
    public var positions: [StockPosition]
}
