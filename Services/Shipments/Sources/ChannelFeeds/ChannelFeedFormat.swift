/// The payload shapes a channel feed speaks. Only Shopify-style bodies so far; another storefront gets a case here
/// and its own body types.
public enum ChannelFeedFormat: String, Codable, Sendable, Hashable, CaseIterable {
    /// `inventory_levels/set`-shaped stock levels and `fulfillment`-wrapped notifications, ids as JSON integers.
    case shopify
}
