import Contracts
import Foundation
import Logging
import Metrics
import Outbox
import Persistence
import ServiceLifecycle

/// Posts confirmed orders to the ERP, one at a time in confirmation order, each exactly once.
///
/// - Order: the head of `erp_postings` (lowest sequence still pending) is posted before anything behind it; while it
///   fails, the queue waits. Only postings up to a boundary known to be complete are considered
///   (``postingBoundary()``), so a confirmation still committing can never turn up in front of one already posted
///   (orders_0006). One instance posts at a time (a transaction-scoped advisory lock), so several instances keep the
///   order too.
/// - Exactly once: the order id is the ERP's idempotency key, and the posting is marked done in the transaction that
///   held the row during the call; a crash between the ERP's answer and the commit repeats the call, and the ERP
///   answers it with the same document.
/// - While the ERP is slow or down: failures back off exponentially (``RetryBackoff``); after
///   `erpBreakerFailures` in a row the ``CircuitBreaker`` opens and the ERP is probed once per open period. Intake
///   and confirmation never wait for any of this.
/// - A refusal (the ERP will not take the order) marks the posting `refused`, notes the reason on the order for an
///   operator and moves on to the next order.
public struct ERPPoster: Service {
    public let pool: PostgresPool
    public let store: OrdersStore
    public let connector: any ERPConnector
    public let configuration: OrdersConfiguration
    public let wake: WakeSignal
    public let logger: Logger
    private let posted: Counter
    private let failures: Counter

    public init(
        pool: PostgresPool, store: OrdersStore, connector: any ERPConnector, configuration: OrdersConfiguration, wake: WakeSignal,
        logger: Logger, metricsFactory: any MetricsFactory
    ) {
        self.pool = pool
        self.store = store
        self.connector = connector
        self.configuration = configuration
        self.wake = wake
        self.logger = logger
        posted = Counter(label: "orders_erp_posted_total", factory: metricsFactory)
        failures = Counter(label: "orders_erp_posting_failures_total", factory: metricsFactory)
    }

    /// What one round did.
    enum Round: Sendable {
        /// Nothing to post (or another instance is posting).
        case idle
        /// The head is not due yet, or the breaker is open: wait this long.
        case wait(Duration)
        case posted
        case failed(ERPPostingError)
    }

    /// The advisory lock between confirmations (shared) and the poster's barrier (exclusive), per schema.
    private static let sequenceLock = "hashtext(current_schema()), hashtext('erp-posting-sequence')"
    /// Taken by every confirmation, in its transaction, before it takes a posting sequence number.
    static let confirmationLock = "SELECT pg_advisory_xact_lock_shared(\(sequenceLock))"

    /// The highest pending posting sequence such that every posting up to it has committed (or rolled back), or nil
    /// when confirmations in flight did not end within the lock timeout.
    ///
    /// Taking ``confirmationLock``'s lock exclusively waits for every confirmation holding it; once granted, a new
    /// snapshot sees all of them, and any later confirmation takes its number after this one is released, so it gets
    /// a higher one. The lock is held for two statements; a confirmation that runs long delays the barrier (up to
    /// the lock timeout), never posting order.
    func postingBoundary() async throws -> Int64? {
        do {
            return try await pool.transaction(maximumAttempts: 1) { transaction in
                _ = try await transaction.execute("SET LOCAL lock_timeout = '1s'")
                _ = try await transaction.execute("SELECT pg_advisory_xact_lock(\(Self.sequenceLock))")
                return try await transaction.query("SELECT coalesce(max(sequence), 0) FROM erp_postings WHERE status = 'pending'")
                    .first?.decode(Int64.self, at: 0) ?? 0
            }
        } catch let error as PostgresError where error.sqlState == "55P03" {
            return nil
        }
    }

    public func run() async throws {
        let circuit = ERPCircuit(failureThreshold: configuration.erpBreakerFailures, openDuration: configuration.erpBreakerOpen)
        await cancelWhenGracefulShutdown {
            var boundary: Int64 = 0
            while !Task.isCancelled {
                do {
                    switch try await postNext(through: boundary, circuit: circuit) {
                    case .posted, .failed(.refused):
                        continue
                    case .failed(.unavailable):
                        await wake.wait(timeout: min(configuration.erpRetryInitial, configuration.erpPollInterval))
                    case .idle:
                        // Everything known complete is posted: move the boundary, and look again at once if it moved.
                        if let next = try await postingBoundary(), next > boundary {
                            boundary = next
                            continue
                        }
                        await wake.wait(timeout: configuration.erpPollInterval)
                        // Woken by a confirmation still committing: give it a moment to become visible.
                        try? await Task.sleep(for: .milliseconds(20))
                    case .wait(let duration):
                        await wake.wait(timeout: min(duration, configuration.erpPollInterval))
                    }
                } catch {
                    // A trial call whose outcome was never recorded must not hold the breaker half-open forever.
                    if circuit.state == .halfOpen { circuit.recordFailure() }
                    logger.warning("ERP posting round failed; retrying", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: configuration.erpPollInterval)
                }
            }
        }
    }

    private func post(_ order: ERPSalesOrder) async -> Result<String, ERPPostingError> {
        do {
            return .success(try await connector.post(order))
        } catch {
            return .failure(error)
        }
    }

    /// Posts the head of the queue, if it is at or below `boundary` (``postingBoundary()``) and due.
    func postNext(through boundary: Int64, circuit: ERPCircuit) async throws -> Round {
        try await pool.transaction { transaction -> Round in
            guard try await transaction.query("SELECT pg_try_advisory_xact_lock(hashtext(current_schema()), hashtext('erp-poster'))").first?.decode(Bool.self, at: 0) == true else {
                return .idle
            }
            // Locks are taken order row first, posting second — the order every other writer (cancellation) uses —
            // so a cancellation during an ERP call waits for it instead of deadlocking with it.
            guard let candidate = try await transaction.query(
                "SELECT order_id FROM erp_postings WHERE status = 'pending' AND sequence <= $1 ORDER BY sequence LIMIT 1", boundary
            ).first.map({ try $0.decode(String.self, at: 0) }) else { return .idle }
            guard let order = try await store.lock(orderID: candidate, in: transaction) else {
                throw OrdersStoreError.corrupt("ERP posting for a missing order \(candidate)")
            }
            // By the order id's unique index alone, status checked here: with `status = 'pending'` in the query the
            // planner may walk the whole `erp_postings_pending` index (every posting of an ERP backlog) instead.
            guard let head = try await transaction.query(
                """
                SELECT sequence, order_id, attempts, document::text,
                       GREATEST(0, (extract(epoch FROM next_attempt_at - now()) * 1000)::bigint), status
                FROM erp_postings WHERE order_id = $1 FOR UPDATE
                """,
                candidate
            ).first, try head.decode(String.self, at: 5) == "pending" else { return .posted }  // Cancelled meanwhile: look again at once.
            let sequence = try head.decode(Int64.self, at: 0)
            let orderID = try head.decode(String.self, at: 1)
            let attempts = try head.decode(Int.self, at: 2)
            let waitMilliseconds = try head.decode(Int64.self, at: 4)
            if waitMilliseconds > 0 { return .wait(.milliseconds(waitMilliseconds)) }
            let confirmed = try StableJSON.decode(OrderConfirmed.self, from: Data(try head.decode(String.self, at: 3).utf8))
            if case .rejected(let retryAfter) = circuit.permit() { return .wait(retryAfter) }

            let documentNumber: String
            switch await post(ERPSalesOrder(orderID: orderID, sequence: sequence, order: confirmed)) {
            case .success(let number):
                documentNumber = number
            case .failure(let error):
                failures.increment()
                switch error {
                case .unavailable(let reason):
                    circuit.recordFailure()
                    var random = SystemRandomNumberGenerator()
                    let backoff = RetryBackoff(initial: configuration.erpRetryInitial, maximum: configuration.erpRetryMaximum)
                    let delay = backoff.delay(afterAttempt: attempts + 1, random: &random)
                    _ = try await transaction.execute(
                        """
                        UPDATE erp_postings SET attempts = attempts + 1, last_error = $2,
                               next_attempt_at = now() + make_interval(secs => $3 / 1000.0)
                        WHERE sequence = $1
                        """,
                        sequence, reason, OrdersStore.milliseconds(delay)
                    )
                    if attempts == 0 {
                        try await store.appendTimeline(orderID: orderID, state: "erp_retrying", eventID: nil, detail: reason, in: transaction)
                    }
                    logger.warning("ERP unavailable; posting will be retried", metadata: [
                        "order_id": "\(orderID)", "attempt": "\(attempts + 1)", "retry_in": "\(delay)", "reason": "\(reason)",
                    ])
                case .refused(let reason):
                    circuit.recordSuccess()  // The ERP answered: it is up.
                    _ = try await transaction.execute(
                        "UPDATE erp_postings SET status = 'refused', attempts = attempts + 1, last_error = $2 WHERE sequence = $1", sequence, reason
                    )
                    _ = try await transaction.execute(
                        "UPDATE orders SET attention_reason = $2, updated_at = now() WHERE id = $1",
                        orderID, "the ERP refused the order: \(reason); correct it in the ERP or cancel it"
                    )
                    try await store.appendTimeline(orderID: orderID, state: "erp_refused", eventID: nil, detail: reason, in: transaction)
                    logger.error("ERP refused an order", metadata: ["order_id": "\(orderID)", "reason": "\(reason)"])
                }
                return .failed(error)
            }
            circuit.recordSuccess()
            _ = try await transaction.execute(
                "UPDATE erp_postings SET status = 'posted', attempts = attempts + 1, document_number = $2, posted_at = now(), last_error = NULL WHERE sequence = $1",
                sequence, documentNumber
            )
            let status = order.status.advanced(to: .erpPosted)
            _ = try await transaction.execute(
                "UPDATE orders SET erp_document_number = $2, status = $3, updated_at = now() WHERE id = $1", orderID, documentNumber, status.rawValue
            )
            try await store.appendTimeline(orderID: orderID, state: "erp_posted", eventID: nil, detail: "ERP document \(documentNumber)", in: transaction)
            posted.increment()
            return .posted
        }
    }
}
