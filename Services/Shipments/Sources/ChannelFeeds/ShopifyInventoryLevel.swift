import Foundation

/// The body of one stock-level delivery in the Shopify format: the shape of Shopify's `inventory_levels/set`
/// (`inventory_item_id`, `location_id`, `available`), plus the SKU and the stock sequence so a receiver can also
/// drop a level older than one it already applied.
///
/// `{"available": 7, "inventory_item_id": 808950810, "location_id": 905684977, "sequence": 42, "sku": "BOLT",
///   "updated_at": "2026-11-27T14:01:02.123Z"}` — ids as JSON integers, exact to all 19 digits.
struct ShopifyInventoryLevel: Encodable, Sendable, Hashable {
    var inventoryItemID: Int64
    var locationID: Int64
    var available: Int
    var sku: String
    var sequence: Int64
    /// When the stock changed (`changedAt` of the event), not when it was sent.
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case inventoryItemID = "inventory_item_id"
        case locationID = "location_id"
        case available
        case sku
        case sequence
        case updatedAt = "updated_at"
    }
}
