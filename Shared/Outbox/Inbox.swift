import Persistence

/// The record of messages whose effects a service has committed: exactly-once effects over
/// at-least-once delivery.
///
/// A handler claims the message id in the same transaction as its effects. A redelivered message
/// (the broker lost the ack, the relay published twice, an operator replayed it) finds its claim and
/// the handler skips its work. Two concurrent deliveries of one id serialise on the primary key:
/// the second waits for the first to commit, then sees it.
public struct Inbox: Sendable {
    public let schema: String

    public init(schema: String) throws(OutboxError) {
        guard OutboxWriter.isValidSchemaName(schema) else { throw .invalidSchemaName(schema) }
        self.schema = schema
    }

    /// Claims `messageID` for `handler`; false when it was already claimed (a duplicate delivery).
    public func claim(messageID: String, handler: String, eventType: String, in transaction: PostgresTransaction) async throws -> Bool {
        let inserted = try await transaction.execute(
            """
            INSERT INTO "\(schema)".inbox (message_id, handler, event_type) VALUES ($1, $2, $3)
            ON CONFLICT (message_id) DO NOTHING
            """,
            messageID, handler, eventType
        )
        return inserted == 1
    }

    /// Claims several messages in one statement (a consumer's batch): for each `(messageID, handler, eventType)`,
    /// in order, whether this call claimed it. An id already claimed, or repeated earlier in `messages`, is false.
    public func claim(_ messages: [(messageID: String, handler: String, eventType: String)], in transaction: PostgresTransaction) async throws -> [Bool] {
        guard !messages.isEmpty else { return [] }
        let rows = try await transaction.query(
            """
            INSERT INTO "\(schema)".inbox (message_id, handler, event_type)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
            ON CONFLICT (message_id) DO NOTHING
            RETURNING message_id
            """,
            messages.map(\.messageID), messages.map(\.handler), messages.map(\.eventType)
        )
        var claimed = Set(try rows.map { try $0.decode(String.self, at: 0) })
        return messages.map { claimed.remove($0.messageID) != nil }
    }
}
