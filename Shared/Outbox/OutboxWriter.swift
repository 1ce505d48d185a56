import Contracts
import Foundation
import Persistence

/// Appends events to a service's outbox inside the caller's transaction.
///
/// The event becomes visible to the relay only if the transaction commits, so a state change and the
/// event announcing it are stored together or not at all. `NOTIFY` (delivered at commit) wakes the relay.
public struct OutboxWriter: Sendable {
    /// The service's schema, which holds its `outbox` table.
    public let schema: String

    /// - Throws: ``OutboxError/invalidSchemaName(_:)`` unless `schema` is a lower-case SQL identifier.
    public init(schema: String) throws(OutboxError) {
        guard OutboxWriter.isValidSchemaName(schema) else { throw .invalidSchemaName(schema) }
        self.schema = schema
    }

    /// The `LISTEN`/`NOTIFY` channel that announces new outbox rows of `schema`.
    public static func notificationChannel(schema: String) -> String { "wholesail_outbox_\(schema)" }

    static func isValidSchemaName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) || first == UInt8(ascii: "_") else {
            return false
        }
        return name.utf8.count <= 48 && name.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_")
        }
    }

    /// Stores `envelope` for publication when `transaction` commits.
    ///
    /// The aggregate is the envelope's correlation id (the business key); its events leave in commit order.
    public func append<Payload: EventPayload>(_ envelope: EventEnvelope<Payload>, in transaction: PostgresTransaction) async throws {
        try await self.append(envelope, encodedAs: try envelope.encoded(), in: transaction)
    }

    /// Stores `envelope` for publication when `transaction` commits, as `body` — the bytes of
    /// `envelope.encoded()`, for a caller that needed them already (e.g. to store the payload beside its own state
    /// without encoding it twice).
    public func append<Payload: EventPayload>(
        _ envelope: EventEnvelope<Payload>, encodedAs body: Data, in transaction: PostgresTransaction
    ) async throws {
        let headers = try Self.headersJSON(traceparent: envelope.traceparent)
        // One round trip: the row and the wake-up for the relay (delivered when the transaction commits).
        _ = try await transaction.query(
            """
            WITH appended AS (
                INSERT INTO "\(schema)".outbox (id, aggregate_id, event_type, payload, headers)
                VALUES ($1, $2, $3, $4::json, $5::json)
                RETURNING 1)
            SELECT pg_notify($6, '') FROM appended
            """,
            envelope.id.uuid, envelope.correlationID, envelope.type,
            String(decoding: body, as: UTF8.self), headers,
            OutboxWriter.notificationChannel(schema: schema)
        )
    }

    /// The outbox row of `envelope` and the relay's wake-up as clauses of the caller's own statement, so a state
    /// change and its event travel in one round trip (``append(_:encodedAs:in:)`` is a second one).
    ///
    /// - Parameters:
    ///   - source: a relation of the caller's statement (a CTE name, usually of its `INSERT … RETURNING`); the event
    ///     is stored once per row of it — so only when that insert happened.
    ///   - firstParameter: the number of the first `$n` placeholder these clauses may use.
    /// - Returns: `withClauses`, two comma-separated CTEs to place in the statement's `WITH` list; `appendedCount`, a
    ///   scalar expression the statement must evaluate (PostgreSQL runs a `SELECT` CTE only when it is referenced) and
    ///   that counts the events stored; `parameters`, to append to the statement's parameters.
    public func appendClauses<Payload: EventPayload>(
        _ envelope: EventEnvelope<Payload>, encodedAs body: Data, for source: String, firstParameter: Int
    ) throws -> (withClauses: String, appendedCount: String, parameters: [any PostgresEncodable]) {
        let placeholders = (firstParameter..<firstParameter + 6).map { "$\($0)" }
        let clauses = """
            outbox_appended AS (
                INSERT INTO "\(schema)".outbox (id, aggregate_id, event_type, payload, headers)
                SELECT \(placeholders[0])::uuid, \(placeholders[1]), \(placeholders[2]), \(placeholders[3])::json, \(placeholders[4])::json FROM \(source)
                RETURNING 1
            ), outbox_notified AS (
                SELECT pg_notify(\(placeholders[5]), '') FROM outbox_appended
            )
            """
        let parameters: [any PostgresEncodable] = [
            envelope.id.uuid, envelope.correlationID, envelope.type, String(decoding: body, as: UTF8.self),
            try Self.headersJSON(traceparent: envelope.traceparent), OutboxWriter.notificationChannel(schema: schema),
        ]
        return (clauses, "(SELECT count(*) FROM outbox_notified)::int", parameters)
    }

    /// The row's `headers` object, `{"traceparent":"…"}`, as StableJSON writes it. A valid traceparent holds only
    /// lower-case hex digits and dashes, so it is written directly (every event pays for this); anything else goes
    /// through the encoder.
    static func headersJSON(traceparent: String) throws -> String {
        let isPlain = traceparent.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "-")
        }
        if isPlain { return #"{"\#(MessageHeaders.traceparent)":"\#(traceparent)"}"# }
        return String(decoding: try StableJSON.encode([MessageHeaders.traceparent: traceparent]), as: UTF8.self)
    }

    /// Stores many events in one statement (e.g. one per changed price of an import), in array order.
    public func append<Payload: EventPayload>(contentsOf envelopes: [EventEnvelope<Payload>], in transaction: PostgresTransaction) async throws {
        guard !envelopes.isEmpty else { return }
        var ids: [UUID] = []
        var aggregates: [String] = []
        var bodies: [String] = []
        var headers: [String] = []
        ids.reserveCapacity(envelopes.count)
        aggregates.reserveCapacity(envelopes.count)
        bodies.reserveCapacity(envelopes.count)
        headers.reserveCapacity(envelopes.count)
        for envelope in envelopes {
            ids.append(envelope.id.uuid)
            aggregates.append(envelope.correlationID)
            bodies.append(String(decoding: try envelope.encoded(), as: UTF8.self))
            headers.append(try Self.headersJSON(traceparent: envelope.traceparent))
        }
        // WITH ORDINALITY keeps the array order, so `sequence` (the relay's read order) follows it.
        _ = try await transaction.query(
            """
            WITH appended AS (
                INSERT INTO "\(schema)".outbox (id, aggregate_id, event_type, payload, headers)
                SELECT id, aggregate_id, $3, payload::json, headers::json
                FROM unnest($1::uuid[], $2::text[], $4::text[], $5::text[]) WITH ORDINALITY
                    AS event(id, aggregate_id, payload, headers, position)
                ORDER BY position
                RETURNING 1)
            SELECT pg_notify($6, '') WHERE EXISTS (SELECT 1 FROM appended)
            """,
            ids, aggregates, Payload.eventType.routingKey, bodies, headers,
            OutboxWriter.notificationChannel(schema: schema)
        )
    }
}
