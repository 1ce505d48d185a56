import Foundation
import Persistence

/// The SQL over `webhook_subscriptions`.
struct WebhookSubscriptionStore: Sendable {
    /// The reason recorded on pending deliveries of a removed subscription.
    static let removedReason = "subscription removed"

    static let columns = "id, url, event_types, active, created_at, (extract(epoch FROM created_at) * 1000000)::bigint"

    /// Stores a new, active subscription with a fresh `whs_` id.
    func create(url: String, eventTypes: [String], secret: String, on pool: PostgresPool) async throws -> WebhookSubscription {
        let rows = try await pool.query(
            """
            INSERT INTO webhook_subscriptions (id, url, event_types, secret)
            VALUES ('whs_' || replace(gen_random_uuid()::text, '-', ''), $1, $2::text[], $3)
            RETURNING \(Self.columns)
            """,
            url, eventTypes, secret
        )
        guard let row = rows.first else { throw WebhookStoreError.noRowReturned(statement: "INSERT INTO webhook_subscriptions … RETURNING") }
        return try Self.subscription(from: row)
    }

    func subscription(id: String, on pool: PostgresPool) async throws -> WebhookSubscription? {
        try await pool.query("SELECT \(Self.columns) FROM webhook_subscriptions WHERE id = $1", id).first.map(Self.subscription(from:))
    }

    /// Up to `limit` subscriptions (removed ones too), newest first, after `cursor`.
    func subscriptions(limit: Int, after cursor: WebhookCursor?, on pool: PostgresPool) async throws -> WebhookSubscriptionPage {
        let rows = try await pool.query(
            """
            SELECT \(Self.columns) FROM webhook_subscriptions
            WHERE $1::bigint IS NULL OR (created_at, id) < ('epoch'::timestamptz + $1::bigint * interval '1 microsecond', $2::text)
            ORDER BY created_at DESC, id DESC
            LIMIT $3
            """,
            cursor?.createdAtMicroseconds, cursor?.id ?? "", limit + 1
        )
        let subscriptions = try rows.prefix(limit).map(Self.subscription(from:))
        var next: String?
        if rows.count > limit, let last = rows.prefix(limit).last {
            next = WebhookCursor(createdAtMicroseconds: try last.decode(Int64.self, at: 5), id: try last.decode(String.self, at: 0)).encoded()
        }
        return WebhookSubscriptionPage(subscriptions: subscriptions, nextCursor: next)
    }

    /// Deactivates the subscription and marks its pending deliveries `failed` with ``removedReason`` (they stay
    /// listed, and nothing sends them); returns the subscription, or nil when there is none. Removing twice is
    /// harmless.
    ///
    /// The subscription row is updated first: an enqueue running at the same time holds it `FOR SHARE`, so either
    /// that enqueue commits first and its new deliveries are failed here too, or it waits and then skips the
    /// now inactive subscription.
    func deactivate(id: String, on pool: PostgresPool) async throws -> WebhookSubscription? {
        try await pool.transaction { transaction in
            try await deactivate(id: id, in: transaction)
        }
    }

    /// ``deactivate(id:on:)`` inside the caller's transaction (a channel feed removed with its subscription).
    func deactivate(id: String, in transaction: PostgresTransaction) async throws -> WebhookSubscription? {
        guard let row = try await transaction.query(
            "UPDATE webhook_subscriptions SET active = false WHERE id = $1 RETURNING \(Self.columns)", id
        ).first else { return nil }
        _ = try await transaction.execute(
            "UPDATE webhook_deliveries SET status = 'failed', last_error = $2 WHERE subscription_id = $1 AND status = 'pending'",
            id, Self.removedReason
        )
        return try Self.subscription(from: row)
    }

    /// Stores a new, active subscription inside the caller's transaction (a channel feed's own); returns its id.
    func create(url: String, eventTypes: [String], secret: String, in transaction: PostgresTransaction) async throws -> String {
        guard let row = try await transaction.query(
            """
            INSERT INTO webhook_subscriptions (id, url, event_types, secret)
            VALUES ('whs_' || replace(gen_random_uuid()::text, '-', ''), $1, $2::text[], $3)
            RETURNING id
            """,
            url, eventTypes, secret
        ).first else { throw WebhookStoreError.noRowReturned(statement: "INSERT INTO webhook_subscriptions … RETURNING id") }
        return try row.decode(String.self, at: 0)
    }

    /// Points an existing subscription at a new URL, secret and event types and makes it active again (a channel
    /// feed updated, or set up again after its subscription was removed through the webhook API).
    func update(id: String, url: String, eventTypes: [String], secret: String, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute(
            "UPDATE webhook_subscriptions SET url = $2, event_types = $3::text[], secret = $4, active = true WHERE id = $1",
            id, url, eventTypes, secret
        )
    }

    static func subscription(from row: PostgresRow) throws -> WebhookSubscription {
        WebhookSubscription(
            id: try row.decode(String.self, at: 0), url: try row.decode(String.self, at: 1),
            eventTypes: try row.decode([String].self, at: 2), active: try row.decode(Bool.self, at: 3),
            createdAt: try row.decode(Date.self, at: 4)
        )
    }
}
