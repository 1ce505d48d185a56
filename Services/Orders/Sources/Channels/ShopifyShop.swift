import Foundation
import ShopifyChannel

/// A Shopify shop as the orders service keeps it: its mapping configuration and the secrets its webhooks are
/// signed with.
struct ShopifyShop: Sendable {
    var configuration: ShopifyShopConfiguration
    var secrets: ShopifyWebhookSecrets
    var updatedAt: Date
}
