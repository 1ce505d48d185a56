import Contracts
import Foundation
import Outbox
import Persistence

/// The orders schema's reads and writes, each inside the caller's transaction.
public struct OrdersStore: Sendable {
    public let outbox: OutboxWriter

    public init(outbox: OutboxWriter) {
        self.outbox = outbox
    }

    static let orderColumns = "id, channel, status, document::text, attention_reason, erp_document_number, updated_at"

    static func record(from row: PostgresRow) throws -> OrderRecord {
        let statusText = try row.decode(String.self, at: 2)
        guard let status = OrderStatus(rawValue: statusText) else { throw OrdersStoreError.corrupt("order status \(statusText)") }
        let document = try StableJSON.decode(OrderReceived.self, from: Data(try row.decode(String.self, at: 3).utf8))
        return OrderRecord(
            id: try row.decode(String.self, at: 0), channel: try row.decode(String.self, at: 1), status: status, document: document,
            attentionReason: try row.decode(String?.self, at: 4), erpDocumentNumber: try row.decode(String?.self, at: 5),
            updatedAt: try row.decode(Date.self, at: 6)
        )
    }

    /// The order, locked for the rest of the transaction (every change to an order goes through this lock, so
    /// concurrent answers about one order are applied one after the other).
    public func lock(orderID: String, in transaction: PostgresTransaction) async throws -> OrderRecord? {
        try await transaction.query("SELECT \(Self.orderColumns) FROM orders WHERE id = $1 FOR UPDATE", orderID)
            .first.map(Self.record(from:))
    }

    public func order(id: String, in transaction: PostgresTransaction) async throws -> OrderRecord? {
        try await transaction.query("SELECT \(Self.orderColumns) FROM orders WHERE id = $1", id).first.map(Self.record(from:))
    }

    /// What ``insert(_:eventID:stepTimeout:claiming:in:)`` did.
    public enum InsertOutcome: Sendable, Equatable {
        /// The order, its steps and timeline entry are stored, and the key holds its answer.
        case inserted
        /// The key is claimed (holding the answer meant for a new order) but the channel already sent an order with
        /// this reference: nothing else was stored; the caller records the right answer for the key.
        case orderExists
        /// The key was used before (or by a request that just finished): nothing was stored.
        case keyUsed
    }

    /// Stores a new order with its three pending steps, first timeline entry and `orders.order.received.v1` outbox
    /// row, claiming its `Idempotency-Key` with the answer `claim` holds — in one statement, intake's hot path. A
    /// concurrent request with the same key waits in that statement until this transaction ends.
    ///
    /// - Parameter envelopeBody: the bytes of `receivedEnvelope.encoded()`; the stored document is its payload, so
    ///   intake encodes the order once for both.
    public func insert(
        _ receivedEnvelope: EventEnvelope<OrderReceived>, encodedAs envelopeBody: Data, stepTimeout: Duration, claiming claim: IdempotencyClaim,
        in transaction: PostgresTransaction
    ) async throws -> InsertOutcome {
        let (sql, parameters) = try insertStatement(
            receivedEnvelope, encodedAs: envelopeBody, stepTimeout: stepTimeout, claiming: claim, abortingIfOrderExists: false
        )
        return try Self.insertOutcome(try await transaction.query(sql, parameters: parameters).first)
    }

    /// The SQLSTATE `abort_order_exists()` raises (migration `orders_0007`).
    static let orderExistsState = "WS409"

    /// Intake's common case in one autocommitted statement, without a transaction's `BEGIN`/`COMMIT` round trip.
    ///
    /// - Returns: ``InsertOutcome/inserted`` (committed) or ``InsertOutcome/keyUsed`` (nothing stored); nil when the
    ///   channel already sent an order with this reference: the statement is then undone, key claim included, and the
    ///   caller takes ``insert(_:encodedAs:stepTimeout:claiming:in:)`` in a transaction to record the right answer.
    public func insertCommitting(
        _ receivedEnvelope: EventEnvelope<OrderReceived>, encodedAs envelopeBody: Data, stepTimeout: Duration, claiming claim: IdempotencyClaim,
        in pool: PostgresPool
    ) async throws -> InsertOutcome? {
        let (sql, parameters) = try insertStatement(
            receivedEnvelope, encodedAs: envelopeBody, stepTimeout: stepTimeout, claiming: claim, abortingIfOrderExists: true
        )
        let rows: PostgresRows
        do {
            rows = try await pool.query(sql, parameters: parameters)
        } catch where error.sqlState == Self.orderExistsState {
            return nil
        }
        return try Self.insertOutcome(rows.first)
    }

    private static func insertOutcome(_ row: PostgresRow?) throws -> InsertOutcome {
        guard let row else { throw OrdersStoreError.corrupt("the order insert returned no row") }
        if try row.decode(Int.self, at: 0) == 0 { return .keyUsed }
        return try row.decode(Int.self, at: 1) == 1 ? .inserted : .orderExists
    }

    /// The order, its steps, timeline entry, outbox row and key claim as one statement; with `abortingIfOrderExists`
    /// it fails with ``orderExistsState`` instead of committing a claim beside an order that was not inserted.
    private func insertStatement(
        _ receivedEnvelope: EventEnvelope<OrderReceived>, encodedAs envelopeBody: Data, stepTimeout: Duration, claiming claim: IdempotencyClaim,
        abortingIfOrderExists: Bool
    ) throws -> (String, [any PostgresEncodable]) {
        let order = receivedEnvelope.payload
        let eventID = receivedEnvelope.id
        let envelope = String(decoding: envelopeBody, as: UTF8.self)
        // The order and its `orders.order.received.v1` in one statement (one round trip): the event is stored only
        // when the order row is.
        let event = try outbox.appendClauses(receivedEnvelope, encodedAs: envelopeBody, for: "new_order", firstParameter: 17)
        // Credit is asked by pricing's answer, so its step gets two timeouts from the start (reset when priced).
        return (
            """
            WITH claimed AS (
                INSERT INTO idempotency_keys (channel, key, scope, request_hash, response_status, response_body)
                VALUES ($2, $11, $12, $13, $14, $15)
                ON CONFLICT (channel, key) DO NOTHING
                RETURNING 1
            ), new_order AS (
                INSERT INTO orders (id, channel, channel_order_reference, customer, currency, status, document, received_at)
                SELECT $1, $2, $3, $4, $5, 'received', $6::jsonb -> 'payload', $7 FROM claimed
                ON CONFLICT (channel, channel_order_reference) DO NOTHING
                RETURNING id
            ), steps AS (
                INSERT INTO order_steps (order_id, step, status, deadline_at)
                SELECT new_order.id, step.name, 'pending', $7::timestamptz + make_interval(secs => $8 * step.factor / 1000.0)
                FROM new_order, (VALUES ('pricing', 1), ('inventory', 1), ('credit', 2)) AS step(name, factor)
            ), timeline AS (
                INSERT INTO order_timeline (order_id, state, at, event_id, detail)
                SELECT new_order.id, 'received', $7, $9, $10 FROM new_order
            ), \(event.withClauses)
            SELECT outcome.claimed, outcome.inserted, \(event.appendedCount),
                   CASE WHEN $16 AND outcome.claimed = 1 AND outcome.inserted = 0 THEN abort_order_exists() END
            FROM (SELECT (SELECT count(*) FROM claimed)::int AS claimed, (SELECT count(*) FROM new_order)::int AS inserted) AS outcome
            """,
            [
                order.orderID, order.channel, order.channelOrderReference, order.customer, order.currency.code, envelope, order.receivedAt,
                Self.milliseconds(stepTimeout), eventID.description,
                "\(order.lines.count) line(s) from \(order.channel) (\(order.channelOrderReference))",
                claim.key, claim.scope, claim.requestHash, claim.status, claim.body, abortingIfOrderExists,
            ] + event.parameters
        )
    }

    public func setStatus(_ status: OrderStatus, orderID: String, attentionReason: String? = nil, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute(
            "UPDATE orders SET status = $2, attention_reason = $3, updated_at = now() WHERE id = $1",
            orderID, status.rawValue, attentionReason
        )
    }

    public func appendTimeline(orderID: String, state: String, at: Date = Date(), eventID: String?, detail: String?, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute(
            "INSERT INTO order_timeline (order_id, state, at, event_id, detail) VALUES ($1, $2, $3, $4, $5)",
            orderID, state, StableJSON.roundedToMilliseconds(at), eventID, detail
        )
    }

    public func timeline(orderID: String, in transaction: PostgresTransaction) async throws -> [TimelineEntry] {
        try await transaction.query(
            "SELECT state, at, event_id, detail FROM order_timeline WHERE order_id = $1 ORDER BY position", orderID
        ).map { row in
            TimelineEntry(state: try row.decode(String.self, at: 0), at: try row.decode(Date.self, at: 1),
                          eventID: try row.decode(String?.self, at: 2), detail: try row.decode(String?.self, at: 3))
        }
    }

    /// Units dispatched so far per order line.
    public func shippedUnits(orderID: String, in transaction: PostgresTransaction) async throws -> [Int: Int] {
        var shipped: [Int: Int] = [:]
        for row in try await transaction.query(
            """
            SELECT l.line_number, sum(l.quantity)::int FROM order_dispatch_lines l JOIN order_dispatches d USING (dispatch_id)
            WHERE d.order_id = $1 GROUP BY l.line_number
            """,
            orderID
        ) {
            shipped[try row.decode(Int.self, at: 0)] = try row.decode(Int.self, at: 1)
        }
        return shipped
    }

    /// Units authorized for return so far per order line.
    public func returnAuthorizedUnits(orderID: String, in transaction: PostgresTransaction) async throws -> [Int: Int] {
        var units: [Int: Int] = [:]
        for row in try await transaction.query(
            "SELECT l.line_number, sum(l.quantity)::int FROM return_lines l JOIN returns r USING (rma) WHERE r.order_id = $1 GROUP BY l.line_number", orderID
        ) {
            units[try row.decode(Int.self, at: 0)] = try row.decode(Int.self, at: 1)
        }
        return units
    }

    // MARK: Steps

    public func steps(orderID: String, in transaction: PostgresTransaction) async throws -> [OrderStep: StoredStep] {
        try Self.steps(from: try await transaction.query(
            "SELECT 0, step, status, result::text, reason_code, reason_detail, attempts FROM order_steps WHERE order_id = $1", orderID
        ))
    }

    /// Steps from rows of (anything, step, status, result, reason code, reason detail, attempts).
    private static func steps(from rows: PostgresRows) throws -> [OrderStep: StoredStep] {
        var steps: [OrderStep: StoredStep] = [:]
        for row in rows {
            guard let step = OrderStep(rawValue: try row.decode(String.self, at: 1)) else { continue }
            let state: StepState
            switch try row.decode(String.self, at: 2) {
            case "approved": state = .approved
            case "rejected": state = .rejected(code: try row.decode(String?.self, at: 4) ?? "rejected", detail: try row.decode(String?.self, at: 5) ?? "")
            default: state = .pending
            }
            steps[step] = StoredStep(state: state, result: try row.decode(String?.self, at: 3), attempts: try row.decode(Int.self, at: 6))
        }
        return steps
    }

    /// A step's answer as ``record(_:orderID:in:)`` stores it.
    public struct StepAnswer: Sendable {
        public var step: OrderStep
        public var approved: Bool
        /// The deciding event's payload (JSON).
        public var result: String
        public var reasonCode: String?
        public var reasonDetail: String?
        public var eventID: String
        /// When the deciding event occurred.
        public var at: Date
        /// The timeline entry the first answer adds.
        public var timelineState: String
        public var timelineDetail: String
        /// When set, the first answer also gives this pending step a new deadline `restartTimeout` from now.
        public var restartStep: OrderStep?
        public var restartTimeout: Duration

        public init(
            step: OrderStep, approved: Bool, result: String, reasonCode: String?, reasonDetail: String?, eventID: String, at: Date,
            timelineState: String, timelineDetail: String, restartStep: OrderStep? = nil, restartTimeout: Duration = .zero
        ) {
            self.step = step
            self.approved = approved
            self.result = result
            self.reasonCode = reasonCode
            self.reasonDetail = reasonDetail
            self.eventID = eventID
            self.at = at
            self.timelineState = timelineState
            self.timelineDetail = timelineDetail
            self.restartStep = restartStep
            self.restartTimeout = restartTimeout
        }
    }

    /// Records a step's first answer with its timeline entry (and the restarted deadline it asks for), and returns
    /// whether it was the first (false: a duplicate or a late second answer, nothing changed) and every step of the
    /// order as it now stands — in one statement, the process manager's hot path.
    public func record(_ answer: StepAnswer, orderID: String, in transaction: PostgresTransaction) async throws -> (first: Bool, steps: [OrderStep: StoredStep]) {
        let rows = try await transaction.query(
            """
            WITH recorded AS (
                UPDATE order_steps SET status = $3, result = $4::jsonb, reason_code = $5, reason_detail = $6, event_id = $7,
                       decided_at = $8, deadline_at = NULL
                WHERE order_id = $1 AND step = $2 AND status = 'pending'
                RETURNING step
            ), timeline AS (
                INSERT INTO order_timeline (order_id, state, at, event_id, detail)
                SELECT $1, $9, $10, $7, $11 FROM recorded
            ), restarted AS (
                UPDATE order_steps SET deadline_at = now() + make_interval(secs => $13 / 1000.0)
                WHERE order_id = $1 AND step = $12 AND status = 'pending' AND EXISTS (SELECT 1 FROM recorded)
            )
            SELECT (SELECT count(*) FROM recorded)::int, step, status, result::text, reason_code, reason_detail, attempts
            FROM order_steps WHERE order_id = $1
            """,
            orderID, answer.step.rawValue, answer.approved ? "approved" : "rejected", answer.result, answer.reasonCode, answer.reasonDetail,
            answer.eventID, answer.at, answer.timelineState, StableJSON.roundedToMilliseconds(Date()), answer.timelineDetail,
            answer.restartStep?.rawValue, Self.milliseconds(answer.restartTimeout)
        )
        var steps = try Self.steps(from: rows)
        let first = try rows.first?.decode(Int.self, at: 0) == 1
        // The rows are the statement's snapshot, from before its update: the recorded answer is laid over them.
        if first {
            steps[answer.step] = StoredStep(
                state: answer.approved ? .approved : .rejected(code: answer.reasonCode ?? "rejected", detail: answer.reasonDetail ?? ""),
                result: answer.result, attempts: steps[answer.step]?.attempts ?? 0
            )
        }
        return (first, steps)
    }

    /// Stops the deadlines of an order's pending steps (the order was decided, closed or handed to an operator).
    public func clearDeadlines(orderID: String, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute("UPDATE order_steps SET deadline_at = NULL WHERE order_id = $1 AND status = 'pending'", orderID)
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
