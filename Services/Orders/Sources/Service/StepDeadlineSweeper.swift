import Contracts
import Foundation
import Logging
import Outbox
import Persistence
import ServiceLifecycle

/// Never silently stuck: finds steps past their deadline, asks again (publishes `orders.order.received.v1` once more,
/// under a new event id — pricing and inventory answer a repeated order with their first decision, and pricing's
/// answer asks finance again), and after `stepReRequests` tries moves the order to `needs_attention` with the
/// reason. A late answer still decides an order that needs attention.
///
/// Each overdue order is handled in its own transaction with `SKIP LOCKED`, so several instances share the work.
/// Each round also forgets `Idempotency-Key` answers older than `idempotencyRetention`.
public struct StepDeadlineSweeper: Service {
    public let pool: PostgresPool
    public let store: OrdersStore
    public let configuration: OrdersConfiguration
    public let logger: Logger

    public init(pool: PostgresPool, store: OrdersStore, configuration: OrdersConfiguration, logger: Logger) {
        self.pool = pool
        self.store = store
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await sweep()
                    _ = try await pruneIdempotencyKeys()
                } catch {
                    logger.warning("step deadline sweep failed; retrying next round", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: configuration.deadlineSweepInterval)
            }
        }
    }

    /// What one sweep did.
    public struct Outcome: Sendable, Hashable {
        public var reRequested = 0
        public var needsAttention = 0
    }

    /// Forgets up to 1,000 stored `Idempotency-Key` answers older than the retention, so the table does not grow
    /// forever; returns how many.
    public func pruneIdempotencyKeys() async throws -> Int {
        try await pool.execute(
            """
            DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1 / 1000.0) LIMIT 1000))
            """,
            OrdersStore.milliseconds(configuration.idempotencyRetention)
        )
    }

    /// Handles up to 100 overdue orders.
    public func sweep() async throws -> Outcome {
        var outcome = Outcome()
        let overdue = try await pool.query(
            """
            SELECT DISTINCT order_id FROM order_steps
            WHERE status = 'pending' AND deadline_at IS NOT NULL AND deadline_at < now() LIMIT 100
            """
        ).map { try $0.decode(String.self, at: 0) }
        for orderID in overdue {
            try await pool.transaction { transaction in
                guard let row = try await transaction.query(
                    "SELECT \(OrdersStore.orderColumns) FROM orders WHERE id = $1 FOR UPDATE SKIP LOCKED", orderID
                ).first else { return }
                let order = try OrdersStore.record(from: row)
                guard order.status == .received else {
                    try await store.clearDeadlines(orderID: orderID, in: transaction)
                    return
                }
                let late = try await transaction.query(
                    """
                    SELECT step, attempts, deadline_at FROM order_steps
                    WHERE order_id = $1 AND status = 'pending' AND deadline_at IS NOT NULL AND deadline_at < now() ORDER BY step
                    """,
                    orderID
                )
                let steps = try late.map { try $0.decode(String.self, at: 0) }
                let attempts = try late.map { try $0.decode(Int.self, at: 1) }.max() ?? 1
                guard !steps.isEmpty else { return }
                let names = steps.joined(separator: ", ")
                if attempts <= configuration.stepReRequests {
                    _ = try await transaction.execute(
                        """
                        UPDATE order_steps SET attempts = attempts + 1, deadline_at = now() + make_interval(secs => $3 / 1000.0)
                        WHERE order_id = $1 AND step = ANY($2) AND status = 'pending'
                        """,
                        orderID, steps, OrdersStore.milliseconds(configuration.stepTimeout)
                    )
                    let envelope = try EventEnvelope(payload: order.document, correlationID: orderID)
                    try await store.appendTimeline(
                        orderID: orderID, state: "re_requested", eventID: envelope.id.description,
                        detail: "no answer from \(names) in time; asked again (attempt \(attempts + 1))", in: transaction
                    )
                    try await store.outbox.append(envelope, in: transaction)
                    outcome.reRequested += 1
                    logger.notice("step overdue; asking again", metadata: ["order_id": "\(orderID)", "steps": "\(names)", "attempt": "\(attempts + 1)"])
                } else {
                    let reason = "no answer from \(names) after \(attempts) request(s); check that service and its dead-letter queue, then replay or cancel the order"
                    try await store.setStatus(.needsAttention, orderID: orderID, attentionReason: reason, in: transaction)
                    try await store.clearDeadlines(orderID: orderID, in: transaction)
                    try await store.appendTimeline(orderID: orderID, state: "needs_attention", eventID: nil, detail: reason, in: transaction)
                    outcome.needsAttention += 1
                    logger.warning("order needs attention", metadata: ["order_id": "\(orderID)", "reason": "\(reason)"])
                }
            }
        }
        return outcome
    }
}
