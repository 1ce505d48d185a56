import Foundation
import Persistence

/// The SQL over `channel_feeds` and its mappings; each feed owns one row of `webhook_subscriptions`, created and
/// updated here in the same transaction.
struct ChannelFeedStore: Sendable {
    private let subscriptions = WebhookSubscriptionStore()

    static let columns = """
        f.channel, f.format, s.url, f.feeds, f.subscription_id, s.active, f.created_at, f.updated_at
        """
    static let fromFeeds = "channel_feeds f JOIN webhook_subscriptions s ON s.id = f.subscription_id"

    /// What an upsert did.
    enum Upsert: Sendable, Hashable {
        case created(ChannelFeed)
        case updated(ChannelFeed)
        /// The stored feed already was exactly this (secret included, subscription active): nothing changed.
        case unchanged(ChannelFeed)

        var feed: ChannelFeed {
            switch self {
            case .created(let feed), .updated(let feed), .unchanged(let feed): feed
            }
        }
    }

    /// Creates or replaces the channel's feed: its subscription gets the URL, secret and the feeds' event types (and
    /// is active again), and the mappings are replaced as a whole. Putting the same feed twice changes nothing.
    ///
    /// Two requests for the same new channel at once are serialised by a transaction-scoped advisory lock on the
    /// channel, so exactly one subscription is created.
    func upsert(channel: String, _ request: ChannelFeedRequest.Valid, on pool: PostgresPool) async throws -> Upsert {
        try await pool.transaction { transaction in
            _ = try await transaction.query("SELECT pg_advisory_xact_lock(hashtext('shipments.channel_feeds'), hashtext($1))", channel)
            let eventTypes = request.feeds.map(\.eventType)
            let feeds = request.feeds.map(\.rawValue)
            let existing = try await transaction.query(
                "SELECT f.subscription_id, s.secret FROM channel_feeds f JOIN webhook_subscriptions s ON s.id = f.subscription_id WHERE f.channel = $1 FOR UPDATE OF f",
                channel
            ).first
            let created: Bool
            if let existing {
                let subscriptionID = try existing.decode(String.self, at: 0)
                let storedSecret = try existing.decode(String.self, at: 1)
                if let current = try await feed(channel: channel, in: transaction), storedSecret == request.secret, current.active,
                   current.format == request.format, current.url == request.url, current.feeds == request.feeds,
                   current.inventoryItems == request.inventoryItems, current.locations == request.locations {
                    return .unchanged(current)
                }
                try await subscriptions.update(id: subscriptionID, url: request.url, eventTypes: eventTypes, secret: request.secret, in: transaction)
                _ = try await transaction.execute(
                    "UPDATE channel_feeds SET format = $2, feeds = $3::text[], updated_at = now() WHERE channel = $1",
                    channel, request.format.rawValue, feeds
                )
                _ = try await transaction.execute("DELETE FROM channel_feed_inventory_items WHERE channel = $1", channel)
                _ = try await transaction.execute("DELETE FROM channel_feed_locations WHERE channel = $1", channel)
                created = false
            } else {
                let subscriptionID = try await subscriptions.create(url: request.url, eventTypes: eventTypes, secret: request.secret, in: transaction)
                _ = try await transaction.execute(
                    "INSERT INTO channel_feeds (channel, format, subscription_id, feeds) VALUES ($1, $2, $3, $4::text[])",
                    channel, request.format.rawValue, subscriptionID, feeds
                )
                created = true
            }
            let items = request.inventoryItems.sorted { $0.key < $1.key }
            _ = try await transaction.execute(
                """
                INSERT INTO channel_feed_inventory_items (channel, sku, inventory_item_id)
                SELECT $1, item.sku, item.id FROM unnest($2::text[], $3::bigint[]) AS item(sku, id)
                """,
                channel, items.map(\.key), items.map(\.value)
            )
            let locations = request.locations.sorted { $0.key < $1.key }
            _ = try await transaction.execute(
                """
                INSERT INTO channel_feed_locations (channel, warehouse, location_id)
                SELECT $1, location.warehouse, location.id FROM unnest($2::text[], $3::bigint[]) AS location(warehouse, id)
                """,
                channel, locations.map(\.key), locations.map(\.value)
            )
            guard let stored = try await feed(channel: channel, in: transaction) else {
                throw WebhookStoreError.noRowReturned(statement: "SELECT … FROM channel_feeds after the upsert")
            }
            return created ? .created(stored) : .updated(stored)
        }
    }

    /// The channel's feed, or nil.
    func feed(channel: String, on pool: PostgresPool) async throws -> ChannelFeed? {
        try await pool.transaction { transaction in try await feed(channel: channel, in: transaction) }
    }

    func feed(channel: String, in transaction: PostgresTransaction) async throws -> ChannelFeed? {
        guard let row = try await transaction.query("SELECT \(Self.columns) FROM \(Self.fromFeeds) WHERE f.channel = $1", channel).first else {
            return nil
        }
        return try await Self.feed(from: row, in: transaction)
    }

    /// Every feed, by channel name.
    func feeds(on pool: PostgresPool) async throws -> [ChannelFeed] {
        try await pool.transaction { transaction in
            var feeds: [ChannelFeed] = []
            for row in try await transaction.query("SELECT \(Self.columns) FROM \(Self.fromFeeds) ORDER BY f.channel") {
                feeds.append(try await Self.feed(from: row, in: transaction))
            }
            return feeds
        }
    }

    /// Removes the channel's feed and its mappings and deactivates its subscription (its pending deliveries become
    /// `failed`, "subscription removed"); returns the feed as it was, or nil when there is none. The stock sequences
    /// sent are kept, so a feed set up again never sends an older level than one already sent.
    func remove(channel: String, on pool: PostgresPool) async throws -> ChannelFeed? {
        try await pool.transaction { transaction in
            guard var feed = try await feed(channel: channel, in: transaction) else { return nil }
            _ = try await transaction.execute("DELETE FROM channel_feeds WHERE channel = $1", channel)
            _ = try await subscriptions.deactivate(id: feed.subscriptionID, in: transaction)
            feed.active = false
            return feed
        }
    }

    private static func feed(from row: PostgresRow, in transaction: PostgresTransaction) async throws -> ChannelFeed {
        let channel = try row.decode(String.self, at: 0)
        let formatText = try row.decode(String.self, at: 1)
        guard let format = ChannelFeedFormat(rawValue: formatText) else { throw ShipmentsStoreError.corrupt("channel feed format \(formatText)") }
        var kinds: [ChannelFeedKind] = []
        for text in try row.decode([String].self, at: 3) {
            guard let kind = ChannelFeedKind(rawValue: text) else { throw ShipmentsStoreError.corrupt("channel feed kind \(text)") }
            kinds.append(kind)
        }
        var items: [String: Int64] = [:]
        for item in try await transaction.query("SELECT sku, inventory_item_id FROM channel_feed_inventory_items WHERE channel = $1", channel) {
            items[try item.decode(String.self, at: 0)] = try item.decode(Int64.self, at: 1)
        }
        var locations: [String: Int64] = [:]
        for location in try await transaction.query("SELECT warehouse, location_id FROM channel_feed_locations WHERE channel = $1", channel) {
            locations[try location.decode(String.self, at: 0)] = try location.decode(Int64.self, at: 1)
        }
        return ChannelFeed(
            channel: channel, format: format, url: try row.decode(String.self, at: 2), feeds: kinds, inventoryItems: items,
            locations: locations, subscriptionID: try row.decode(String.self, at: 4), active: try row.decode(Bool.self, at: 5),
            createdAt: try row.decode(Date.self, at: 6), updatedAt: try row.decode(Date.self, at: 7)
        )
    }

    // MARK: Feeding

    /// One inventory feed's view of a stock change: its ids for the SKU and the warehouse, nil where unmapped.
    struct StockTarget: Sendable, Hashable {
        var channel: String
        var format: ChannelFeedFormat
        var subscriptionID: String
        var inventoryItemID: Int64?
        var locationID: Int64?
    }

    /// Every feed with `inventory`, with its mapping of `sku` and `warehouse`, by channel.
    func stockTargets(sku: String, warehouse: String, in transaction: PostgresTransaction) async throws -> [StockTarget] {
        try await transaction.query(
            """
            SELECT f.channel, f.format, f.subscription_id, i.inventory_item_id, l.location_id
            FROM channel_feeds f
            LEFT JOIN channel_feed_inventory_items i ON i.channel = f.channel AND i.sku = $1
            LEFT JOIN channel_feed_locations l ON l.channel = f.channel AND l.warehouse = $2
            WHERE 'inventory' = ANY (f.feeds)
            ORDER BY f.channel
            """,
            sku, warehouse
        ).map { row in
            let formatText = try row.decode(String.self, at: 1)
            guard let format = ChannelFeedFormat(rawValue: formatText) else { throw ShipmentsStoreError.corrupt("channel feed format \(formatText)") }
            return StockTarget(
                channel: try row.decode(String.self, at: 0), format: format, subscriptionID: try row.decode(String.self, at: 2),
                inventoryItemID: try row.decode(Int64?.self, at: 3), locationID: try row.decode(Int64?.self, at: 4)
            )
        }
    }

    /// Records `sequence` as the channel's last for (SKU, warehouse) when it is newer than the one recorded; false
    /// (and nothing changed) when it is not. The row lock of the upsert orders concurrent handlers.
    func advanceStockSequence(channel: String, sku: String, warehouse: String, to sequence: Int64, in transaction: PostgresTransaction) async throws -> Bool {
        try await !transaction.query(
            """
            INSERT INTO channel_feed_stock_sequences (channel, sku, warehouse, sequence) VALUES ($1, $2, $3, $4)
            ON CONFLICT (channel, sku, warehouse) DO UPDATE SET sequence = EXCLUDED.sequence, updated_at = now()
            WHERE channel_feed_stock_sequences.sequence < EXCLUDED.sequence
            RETURNING 1
            """,
            channel, sku, warehouse, sequence
        ).isEmpty
    }

    /// The channel's feed when it has `fulfillment`: its format and subscription.
    func fulfillmentTarget(channel: String, in transaction: PostgresTransaction) async throws -> (format: ChannelFeedFormat, subscriptionID: String)? {
        guard let row = try await transaction.query(
            "SELECT format, subscription_id FROM channel_feeds WHERE channel = $1 AND 'fulfillment' = ANY (feeds)", channel
        ).first else { return nil }
        let formatText = try row.decode(String.self, at: 0)
        guard let format = ChannelFeedFormat(rawValue: formatText) else { throw ShipmentsStoreError.corrupt("channel feed format \(formatText)") }
        return (format, try row.decode(String.self, at: 1))
    }
}
