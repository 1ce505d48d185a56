import Foundation

/// An `inventory_levels/update` webhook: the available quantity of one inventory item at one location.
///
/// It names no SKU: a receiver needs its own inventory item id → SKU map.
public struct ShopifyInventoryLevelUpdate: Sendable, Hashable {
    public var inventoryItemID: Int64
    public var locationID: Int64
    /// Nil when the item's inventory is not tracked; may be negative (oversold).
    public var available: Int64?
    /// Orders updates of one level; a delivery older than the last applied one is stale.
    public var updatedAt: Date?

    public init(inventoryItemID: Int64, locationID: Int64, available: Int64?, updatedAt: Date?) {
        self.inventoryItemID = inventoryItemID
        self.locationID = locationID
        self.available = available
        self.updatedAt = updatedAt
    }

    /// Decodes the update from the webhook body.
    ///
    /// - Throws: ``ShopifyPayloadError`` with the pointer of the missing or malformed member.
    public static func decode(_ body: some Collection<UInt8>) throws(ShopifyPayloadError) -> ShopifyInventoryLevelUpdate {
        let object = try ShopifyJSONObject.parse(body)
        return ShopifyInventoryLevelUpdate(
            inventoryItemID: try object.requiredIdentifier("inventory_item_id"),
            locationID: try object.requiredIdentifier("location_id"),
            available: try object.optionalInteger("available"),
            updatedAt: try object.optionalTimestamp("updated_at")
        )
    }
}
