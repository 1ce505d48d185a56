/// What a channel feed sends: stock levels, fulfillment notifications, or both.
public enum ChannelFeedKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// Available quantity per SKU and location, from `inventory.stock.changed.v1`.
    case inventory
    /// One notification per dispatch of the channel's orders, from the dispatch milestone.
    case fulfillment

    /// The `Webhook-Event-Type` of this feed's deliveries. Not a shipments event type: a normal webhook
    /// subscription cannot ask for it, and only the feed's own subscription receives these bodies.
    public var eventType: String {
        switch self {
        case .inventory: "channel.inventory-level"
        case .fulfillment: "channel.fulfillment"
        }
    }
}
