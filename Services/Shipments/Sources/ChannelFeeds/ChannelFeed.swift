import Foundation

/// A channel's feed configuration as the API shows it (`GET /v1/channel-feeds/{channel}`). The secret is never
/// shown: only the channel knows it.
public struct ChannelFeed: Codable, Sendable, Hashable {
    /// The channel's name, exactly as orders carry it (`channel` of `orders.order.confirmed.v1`).
    public var channel: String
    public var format: ChannelFeedFormat
    /// Where the feed's deliveries are POSTed.
    public var url: String
    /// The feeds sent, in the order given.
    public var feeds: [ChannelFeedKind]
    /// SKU → the channel's inventory item id (Shopify `inventory_item_id`).
    public var inventoryItems: [String: Int64]
    /// Warehouse → the channel's location id (Shopify `location_id`).
    public var locations: [String: Int64]
    /// The webhook subscription that carries the feed: its deliveries are listed by
    /// `GET /v1/webhook-deliveries?subscription=<id>` and can be sent again like any other.
    public var subscriptionID: String
    /// False when the subscription was removed through the webhook API; a `PUT` of the feed activates it again.
    public var active: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        channel: String, format: ChannelFeedFormat, url: String, feeds: [ChannelFeedKind], inventoryItems: [String: Int64],
        locations: [String: Int64], subscriptionID: String, active: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.channel = channel
        self.format = format
        self.url = url
        self.feeds = feeds
        self.inventoryItems = inventoryItems
        self.locations = locations
        self.subscriptionID = subscriptionID
        self.active = active
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
