import Foundation
import Persistence

/// Queues an event for every webhook subscriber that wants it, inside the transaction that records the event.
///
/// Why in that transaction: the deliveries commit together with the state change (and the AMQP outbox row), so a
/// crash or restart can lose none and queue none for a change that rolled back. The ``WebhookDispatcher`` sends
/// them after the commit; the `pg_notify` sent with the rows wakes it at once (it also polls).
public struct WebhookOutbox: Sendable {
    public init() {}

    /// The `NOTIFY` channel of a schema's webhook deliveries, as the enqueue statement computes it
    /// (`wholesail_webhooks_<schema>`, cut to PostgreSQL's 63-byte identifier limit).
    public static func notificationChannel(schema: String) -> String {
        String(decoding: "wholesail_webhooks_\(schema)".utf8.prefix(63), as: UTF8.self)
    }

    /// Inserts one pending delivery per active subscription whose event types contain `eventType` or `"*"`, in one
    /// statement, and returns how many it queued. Queuing the same `eventID` again queues nothing (one delivery per
    /// event and subscription), so a redelivered event is harmless.
    ///
    /// `body` is stored as it is: these are the bytes signed and sent on every attempt.
    ///
    /// The matching subscriptions are read `FOR SHARE`, so a subscription being removed concurrently is either
    /// removed before (and gets nothing) or after this commits (and its new delivery is closed with it).
    /// - Throws: ``WebhookOutboxError`` for a body that is not UTF-8 text; `PostgresError` from the statement.
    @discardableResult
    public func enqueue(eventID: String, eventType: String, body: Data, in transaction: PostgresTransaction) async throws -> Int {
        guard let text = String(validating: body, as: UTF8.self), !text.utf8.contains(0) else {
            throw WebhookOutboxError.bodyNotText(eventID: eventID)
        }
        let rows = try await transaction.query(
            """
            WITH matching AS (
                SELECT id FROM webhook_subscriptions
                WHERE active AND ($2 = ANY (event_types) OR '*' = ANY (event_types))
                FOR SHARE
            ), queued AS (
                INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, body)
                SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), matching.id, $1, $2, $3 FROM matching
                ON CONFLICT (subscription_id, event_id) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM queued)::bigint,
                   (SELECT count(*) FROM (SELECT pg_notify(left('wholesail_webhooks_' || current_schema(), 63), '') FROM queued LIMIT 1) AS woken)::bigint
            """,
            eventID, eventType, text
        )
        return Int(try rows.first?.decode(Int64.self, at: 0) ?? 0)
    }

    /// The `last_error` of a pending delivery closed because a newer one with the same supersede key was queued.
    public static func supersededReason(by eventID: String) -> String { "superseded by event \(eventID)" }

    /// Queues `body` for one given subscription only — one that a channel feed owns, whose body is made for that
    /// channel (its ids, its format) rather than the event envelope every other subscriber gets — and returns the
    /// new delivery's id; nil when the subscription is inactive (or unknown) or already has a delivery of `eventID`
    /// (a redelivered event queues nothing).
    ///
    /// `supersedeKey` is for bodies that carry a state rather than a change (a SKU's stock level at one location):
    /// the subscription's older pending deliveries with the same key are closed as `failed` with
    /// ``supersededReason(by:)`` in the same statement. The dispatcher retries a failed attempt later while newer
    /// deliveries go ahead, so without this an old level could reach the receiver after a newer one. The key is
    /// opaque text; equal keys mean "the same state". Signing, retries, status and the dispatcher are the same as
    /// for ``enqueue(eventID:eventType:body:in:)``.
    /// - Throws: ``WebhookOutboxError`` for a body that is not UTF-8 text; `PostgresError` from the statement.
    @discardableResult
    public func enqueue(
        eventID: String, eventType: String, body: Data, subscriptionID: String, supersedeKey: String? = nil, in transaction: PostgresTransaction
    ) async throws -> String? {
        guard let text = String(validating: body, as: UTF8.self), !text.utf8.contains(0) else {
            throw WebhookOutboxError.bodyNotText(eventID: eventID)
        }
        let rows = try await transaction.query(
            """
            WITH target AS (
                SELECT id FROM webhook_subscriptions WHERE id = $4 AND active FOR SHARE
            ), queued AS (
                INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, body, supersede_key)
                SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), target.id, $1, $2, $3, $5 FROM target
                ON CONFLICT (subscription_id, event_id) DO NOTHING
                RETURNING id
            ), superseded AS (
                UPDATE webhook_deliveries older SET status = 'failed', last_error = $6
                FROM queued
                WHERE $5::text IS NOT NULL AND older.subscription_id = $4 AND older.supersede_key = $5::text
                  AND older.status = 'pending' AND older.id <> queued.id
                RETURNING 1
            )
            SELECT (SELECT id FROM queued),
                   (SELECT count(*) FROM superseded)::bigint,
                   (SELECT count(*) FROM (SELECT pg_notify(left('wholesail_webhooks_' || current_schema(), 63), '') FROM queued LIMIT 1) AS woken)::bigint
            """,
            eventID, eventType, text, subscriptionID, supersedeKey, Self.supersededReason(by: eventID)
        )
        return try rows.first?.decode(String?.self, at: 0)
    }
}
