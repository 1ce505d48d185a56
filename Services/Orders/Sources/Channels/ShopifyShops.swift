import Contracts
import Foundation
import Persistence
import ShopifyChannel

/// The `shopify_shops` and `shopify_webhooks` tables: shop configuration, and every webhook delivery as received.
struct ShopifyShops: Sendable {
    /// The shop with this `*.myshopify.com` domain, if configured.
    func shop(domain: String, in transaction: PostgresTransaction) async throws -> ShopifyShop? {
        guard let row = try await transaction.query(
            "SELECT configuration::text, secret, previous_secret, previous_secret_until, updated_at FROM shopify_shops WHERE shop_domain = $1",
            domain
        ).first else { return nil }
        let configuration = try JSONDecoder().decode(ShopifyShopConfiguration.self, from: Data(try row.decode(String.self, at: 0).utf8))
        let current = try row.decode(String.self, at: 1)
        var secrets = ShopifyWebhookSecrets(current: current)
        if let previous = try row.decode(String?.self, at: 2), let until = try row.decode(Date?.self, at: 3) {
            secrets = ShopifyWebhookSecrets(current: current, previous: previous, previousAcceptedUntil: until)
        }
        return ShopifyShop(configuration: configuration, secrets: secrets, updatedAt: try row.decode(Date.self, at: 4))
    }

    /// Stores the shop's configuration and secret. A secret different from the stored one starts a rotation: the old
    /// one stays valid until `rotationEnds`. The same secret again keeps any rotation in progress.
    func upsert(_ configuration: ShopifyShopConfiguration, secret: String, rotationEnds: Date, in transaction: PostgresTransaction) async throws {
        let json = String(decoding: try StableJSON.encode(configuration), as: UTF8.self)
        _ = try await transaction.execute(
            """
            INSERT INTO shopify_shops (shop_domain, channel, configuration, secret) VALUES ($1, $2, $3::jsonb, $4)
            ON CONFLICT (shop_domain) DO UPDATE SET
                channel = EXCLUDED.channel,
                configuration = EXCLUDED.configuration,
                previous_secret = CASE WHEN shopify_shops.secret = EXCLUDED.secret THEN shopify_shops.previous_secret ELSE shopify_shops.secret END,
                previous_secret_until = CASE WHEN shopify_shops.secret = EXCLUDED.secret THEN shopify_shops.previous_secret_until ELSE $5 END,
                secret = EXCLUDED.secret,
                updated_at = now()
            """,
            configuration.shopDomain, configuration.channelName, json, secret, rotationEnds
        )
    }

    /// What storing a delivery did.
    enum Recorded: Sendable, Equatable {
        /// The first delivery of this event: it is to be processed.
        case first
        /// Another delivery of an event already stored (same shop, topic and event id): nothing to do.
        case duplicate(firstWebhookID: String)
    }

    /// Stores a verified delivery, or counts it as a duplicate of the event's first delivery.
    func record(_ headers: ShopifyWebhookHeaders, body: [UInt8], in transaction: PostgresTransaction) async throws -> Recorded {
        let webhookID = headers.webhookID ?? headers.eventID
        let inserted = try await transaction.execute(
            """
            INSERT INTO shopify_webhooks (shop_domain, topic, event_id, webhook_id, api_version, triggered_at, body)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (shop_domain, topic, event_id) DO NOTHING
            """,
            headers.shopDomain, headers.topic, headers.eventID, webhookID, headers.apiVersion, headers.triggeredAt, Data(body)
        )
        if inserted == 1 { return .first }
        let row = try await transaction.query(
            """
            UPDATE shopify_webhooks SET duplicate_deliveries = duplicate_deliveries + 1
            WHERE shop_domain = $1 AND topic = $2 AND event_id = $3 RETURNING webhook_id
            """,
            headers.shopDomain, headers.topic, headers.eventID
        ).first
        return .duplicate(firstWebhookID: try row?.decode(String.self, at: 0) ?? webhookID)
    }

    /// One stored delivery as `GET /v1/channels/shopify/shops/{domain}/webhooks` lists it.
    struct Delivery: Codable, Sendable, Hashable {
        var topic: String
        var eventID: String
        /// The first delivery's `X-Shopify-Webhook-Id`.
        var webhookID: String
        var apiVersion: String?
        var triggeredAt: Date?
        var receivedAt: Date
        /// Further deliveries of the same event, answered `duplicate`.
        var duplicateDeliveries: Int
        /// `received` (not processed yet, or dead-lettered: see ``outcome`` and the DLQ), `processed` or `ignored`.
        var status: String
        var outcome: String?
        var orderID: String?
        var processedAt: Date?
    }

    /// The shop's deliveries, newest first, optionally of one status.
    func deliveries(shop: String, status: String?, limit: Int, in transaction: PostgresTransaction) async throws -> [Delivery] {
        try await transaction.query(
            """
            SELECT topic, event_id, webhook_id, api_version, triggered_at, received_at, duplicate_deliveries, status, outcome, order_id, processed_at
            FROM shopify_webhooks WHERE shop_domain = $1 AND ($2::text IS NULL OR status = $2)
            ORDER BY received_at DESC, event_id DESC LIMIT $3
            """,
            shop, status, limit
        ).map { row in
            Delivery(
                topic: try row.decode(String.self, at: 0), eventID: try row.decode(String.self, at: 1), webhookID: try row.decode(String.self, at: 2),
                apiVersion: try row.decode(String?.self, at: 3), triggeredAt: try row.decode(Date?.self, at: 4), receivedAt: try row.decode(Date.self, at: 5),
                duplicateDeliveries: try row.decode(Int.self, at: 6), status: try row.decode(String.self, at: 7), outcome: try row.decode(String?.self, at: 8),
                orderID: try row.decode(String?.self, at: 9), processedAt: try row.decode(Date?.self, at: 10)
            )
        }
    }

    /// A stored delivery, locked for processing; nil when it is unknown.
    func lockDelivery(shop: String, topic: String, eventID: String, in transaction: PostgresTransaction) async throws -> (status: String, body: [UInt8])? {
        guard let row = try await transaction.query(
            "SELECT status, body FROM shopify_webhooks WHERE shop_domain = $1 AND topic = $2 AND event_id = $3 FOR UPDATE",
            shop, topic, eventID
        ).first else { return nil }
        return (try row.decode(String.self, at: 0), Array(try row.decode(Data.self, at: 1)))
    }

    /// Records what processing a delivery did.
    func finish(shop: String, topic: String, eventID: String, status: String, outcome: String, orderID: String?, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute(
            """
            UPDATE shopify_webhooks SET status = $4, outcome = $5, order_id = $6, processed_at = now()
            WHERE shop_domain = $1 AND topic = $2 AND event_id = $3
            """,
            shop, topic, eventID, status, outcome, orderID
        )
    }
}
