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
}
