import Foundation

/// `inventory.stock.changed.v1`: the position of one SKU in one warehouse after a change.
///
/// `sequence` grows by one with every change of that (SKU, warehouse): a consumer keeps the highest it has
/// applied and drops any event with a lower or equal one (delivered late or twice).
public struct StockChanged: EventPayload, Hashable {
    public static let eventType: EventType = "inventory.stock.changed.v1"

    public var sku: String
    public var warehouse: String
    public var onHand: Int
    public var reserved: Int
    /// `max(onHand − reserved, 0)`: what channels may sell now.
    public var available: Int
    /// Per (SKU, warehouse), strictly increasing.
    public var sequence: Int64
    /// What changed it: `receipt`, `adjustment`, `transfer-in`, `transfer-out`, `count`, `reservation`,
    /// `release`, `issue`, `restock`, `quarantine`.
    public var cause: String
    public var changedAt: Date

    public init(sku: String, warehouse: String, onHand: Int, reserved: Int, available: Int, sequence: Int64, cause: String, changedAt: Date) {
        self.sku = sku
        self.warehouse = warehouse
        self.onHand = onHand
        self.reserved = reserved
        self.available = available
        self.sequence = sequence
        self.cause = cause
        self.changedAt = changedAt
    }
}
