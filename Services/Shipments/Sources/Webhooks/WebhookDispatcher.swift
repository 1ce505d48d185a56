import Foundation
import Logging
import Metrics
import Outbox
import Persistence
import ServiceLifecycle

/// Sends queued webhook deliveries to their subscribers: signed (``WebhookSignature``), retried with backoff
/// (``WebhookRetryPolicy``), recorded in `webhook_deliveries`.
///
/// - **Isolation**: at most one attempt per subscription is in flight, and at most `webhookConcurrency` in all;
///   each attempt is bounded by `webhookTimeout`. A slow or dead subscriber therefore holds back only its own
///   deliveries, and only while its one attempt runs; every other subscriber proceeds.
/// - **Order**: a subscription's due deliveries go out oldest first, one at a time. A delivery waiting for its
///   retry does not hold back newer ones (otherwise one failing event would stall a subscriber's stream for the
///   whole retry period), so receivers must not rely on order: each body carries its event's id and time.
/// - **Claims**: due rows (`pending`, `next_attempt_at <= now()`) are taken `FOR UPDATE SKIP LOCKED` and leased
///   (`next_attempt_at = now() + webhookTimeout + 15 s`): another dispatcher instance never sends the same delivery
///   at the same time, and the claim of a process that died mid-attempt comes due again by itself. Several
///   instances may run; each keeps the one-per-subscription rule for its own attempts.
/// - **Outcome**: 2xx → `delivered`. Anything else → `attempts + 1`, status and error noted, retried after the
///   backoff — unless that retry would start beyond `webhookRetryPeriod` after the first attempt: then `failed`.
/// - **Waking**: a `NOTIFY` from ``WebhookOutbox/enqueue(eventID:eventType:body:in:)`` or ``wake()`` starts a round
///   at once; otherwise rounds run when a retry comes due, or every `webhookPollInterval`.
/// - **Shutdown**: on graceful shutdown no new attempt starts; attempts under way finish (within
///   `webhookTimeout`) and are recorded. On cancellation they are abandoned at once, never cancelled inside
///   URLSession; their leases bring them back later, with the same `Webhook-Id`.
///
/// Metrics: `shipments_webhook_attempts_total`, `shipments_webhook_deliveries_delivered_total`,
/// `shipments_webhook_deliveries_failed_total`.
public final class WebhookDispatcher: Service, Sendable {
    public let configuration: ShipmentsConfiguration
    private let pool: PostgresPool
    private let database: PostgresConfiguration
    private let logger: Logger
    private let policy: WebhookRetryPolicy
    private let store = WebhookDeliveryStore()
    private let signal = WakeSignal()
    private let attempts: Counter
    private let delivered: Counter
    private let failed: Counter

    /// Added to `webhookTimeout` for a claim's lease: time to record the outcome after the attempt.
    static let leaseMargin: Duration = .seconds(15)
    /// The shortest pause between two rounds that found work they could not take (rows locked by another instance).
    static let minimumPause: Duration = .milliseconds(10)

    /// - Parameters:
    ///   - pool: the service's pool; its `search_path` names the schema holding the webhook tables.
    ///   - database: the same database's settings, for the dispatcher's own `LISTEN` session.
    public init(pool: PostgresPool, database: PostgresConfiguration, configuration: ShipmentsConfiguration, logger: Logger, metricsFactory: any MetricsFactory) {
        self.pool = pool
        self.database = database
        self.configuration = configuration
        self.logger = logger
        policy = WebhookRetryPolicy(configuration: configuration)
        attempts = Counter(label: "shipments_webhook_attempts_total", factory: metricsFactory)
        delivered = Counter(label: "shipments_webhook_deliveries_delivered_total", factory: metricsFactory)
        failed = Counter(label: "shipments_webhook_deliveries_failed_total", factory: metricsFactory)
    }

    /// Look for due deliveries now: a delivery was sent again by hand, or queued where no `NOTIFY` reaches. Cheap;
    /// call it from anywhere, as often as you like (wake-ups coalesce).
    public func wake() {
        signal.signal()
    }

    var lease: Duration { configuration.webhookTimeout + Self.leaseMargin }

    private var isStopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    /// Dispatches until graceful shutdown (or cancellation), then waits for the attempts under way.
    public func run() async throws {
        let sender = WebhookSender(timeout: configuration.webhookTimeout, maximumConnections: configuration.webhookConcurrency)
        defer { sender.finish() }
        let inFlight = WebhookInFlight()
        await withGracefulShutdownHandler {
            guard let schema = await schemaName() else { return }
            let listening = Task { await self.forwardNotifications(channel: WebhookOutbox.notificationChannel(schema: schema)) }
            await withDiscardingTaskGroup { group in
                var lastPurge = ContinuousClock.now - configuration.webhookPurgeInterval
                while !isStopping {
                    if ContinuousClock.now - lastPurge >= configuration.webhookPurgeInterval {
                        await purge()
                        lastPurge = .now
                    }
                    let pause = await round(inFlight: inFlight) { claim in
                        group.addTask { await self.work(claim, sender: sender, inFlight: inFlight) }
                    }
                    await signal.wait(timeout: pause)
                }
            }
            listening.cancel()
            await listening.value
        } onGracefulShutdown: { [signal] in
            signal.signal()
        }
    }

    /// Claims what the free slots allow and starts each claim with `start`; returns how long to wait for the next
    /// round unless woken (a worker finishing, a `NOTIFY`).
    private func round(inFlight: WebhookInFlight, start: (WebhookClaim) -> Void) async -> Duration {
        let poll = configuration.webhookPollInterval
        do {
            let free = configuration.webhookConcurrency - inFlight.count
            guard free > 0 else { return poll }
            let claims = try await store.claim(excluding: inFlight.subscriptionIDs, limit: free, lease: lease, on: pool)
            for claim in claims {
                inFlight.insert(claim.subscriptionID)
                start(claim)
            }
            if claims.count == free { return poll }
            guard let due = try await store.untilNextDue(excluding: inFlight.subscriptionIDs, on: pool) else { return poll }
            return min(poll, max(due, Self.minimumPause))
        } catch {
            if !isStopping { logger.warning("webhook dispatch round failed; retrying", metadata: ["error": "\(error)"]) }
            return poll
        }
    }

    /// Deletes delivered and failed deliveries past the retention, in small batches so no lock is held for long.
    private func purge() async {
        do {
            var deleted = 0
            repeat {
                deleted = try await store.purge(olderThan: configuration.webhookRetention, batch: Self.purgeBatch, on: pool)
                if deleted > 0 { logger.debug("webhook deliveries past the retention deleted", metadata: ["count": "\(deleted)"]) }
            } while deleted == Self.purgeBatch && !isStopping
        } catch {
            if !isStopping { logger.warning("deleting old webhook deliveries failed; trying again later", metadata: ["error": "\(error)"]) }
        }
    }

    static let purgeBatch = 1000

    /// Sends `first`, then the subscription's next due deliveries one after another, until none is due or the
    /// dispatcher stops; then frees the subscription's slot.
    private func work(_ first: WebhookClaim, sender: WebhookSender, inFlight: WebhookInFlight) async {
        var next: WebhookClaim? = first
        while let claim = next {
            let started = ContinuousClock.now
            let result = await sender.send(claim)
            if case .abandoned = result { break }
            attempts.increment()
            next = await record(result, of: claim, elapsed: claim.elapsedSinceFirstAttempt + (ContinuousClock.now - started))
        }
        inFlight.remove(first.subscriptionID)
        signal.signal()
    }

    /// Records the attempt and, unless stopping, claims the subscription's next due delivery in the same
    /// transaction. When recording fails a few times the delivery stays leased and is attempted again later.
    private func record(_ result: WebhookAttemptResult, of claim: WebhookClaim, elapsed: Duration) async -> WebhookClaim? {
        let outcome = self.outcome(of: result, attempt: claim.attempts + 1, elapsed: elapsed)
        log(outcome, of: claim)
        for trial in 1...3 {
            do {
                let claimNext = !isStopping
                let next = try await pool.transaction { transaction -> WebhookClaim? in
                    // Recording an attempt need not wait for the disk: if a crash lost this commit the delivery would
                    // be sent again under the same Webhook-Id, which receivers drop — and it saves a flush per delivery.
                    _ = try await transaction.execute("SET LOCAL synchronous_commit = off")
                    try await store.record(outcome, deliveryID: claim.deliveryID, in: transaction)
                    guard claimNext else { return nil }
                    return try await store.claimNext(subscriptionID: claim.subscriptionID, lease: lease, in: transaction)
                }
                switch outcome {
                case .delivered: delivered.increment()
                case .failed: failed.increment()
                case .retry: break
                }
                return next
            } catch {
                logger.warning("could not record a webhook attempt", metadata: [
                    "delivery_id": "\(claim.deliveryID)", "trial": "\(trial)", "error": "\(error)",
                ])
                if Task.isCancelled { break }
                try? await Task.sleep(for: .milliseconds(200 * trial))
            }
        }
        logger.error("webhook attempt not recorded; the delivery is attempted again when its lease ends", metadata: [
            "delivery_id": "\(claim.deliveryID)", "lease": "\(lease)",
        ])
        return nil
    }

    func outcome(of result: WebhookAttemptResult, attempt: Int, elapsed: Duration) -> WebhookDeliveryStore.Outcome {
        let statusCode: Int?
        let error: String
        switch result {
        case .delivered(let code):
            return .delivered(statusCode: code)
        case .rejected(let code, let detail):
            statusCode = code
            error = detail
        case .unreachable(let reason):
            statusCode = nil
            error = reason
        case .abandoned:
            statusCode = nil
            error = "abandoned at shutdown"
        }
        var random = SystemRandomNumberGenerator()
        switch policy.decision(afterFailedAttempt: attempt, elapsed: elapsed, random: &random) {
        case .retry(let delay): return .retry(statusCode: statusCode, error: error, retryAfter: delay)
        case .giveUp: return .failed(statusCode: statusCode, error: error)
        }
    }

    private func log(_ outcome: WebhookDeliveryStore.Outcome, of claim: WebhookClaim) {
        let metadata: Logger.Metadata = [
            "delivery_id": "\(claim.deliveryID)", "subscription_id": "\(claim.subscriptionID)", "event_id": "\(claim.eventID)",
            "attempt": "\(claim.attempts + 1)",
        ]
        switch outcome {
        case .delivered:
            logger.debug("webhook delivered", metadata: metadata)
        case .retry(_, let error, let retryAfter):
            logger.info("webhook attempt failed; retrying", metadata: metadata.merging(["error": "\(error)", "retry_in": "\(retryAfter)"]) { $1 })
        case .failed(_, let error):
            logger.warning("webhook delivery failed: retry period used up", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
    }

    /// The schema the pool works in (it names the `NOTIFY` channel); nil when stopping before it could be read.
    private func schemaName() async -> String? {
        while !isStopping {
            do {
                if let name = try await pool.query("SELECT current_schema()").first?.decode(String?.self, at: 0) { return name }
                logger.error("the webhook dispatcher's search_path names no existing schema; retrying")
            } catch {
                logger.warning("webhook dispatcher cannot reach PostgreSQL; retrying", metadata: ["error": "\(error)"])
            }
            await signal.wait(timeout: configuration.webhookPollInterval)
        }
        return nil
    }

    /// Turns `NOTIFY`s on `channel` into wake-ups until cancelled; (re)starts the listener as needed. Polling covers
    /// the gaps.
    private func forwardNotifications(channel: String) async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let listener = try await PostgresNotificationListener.start(configuration: database, channels: [channel], logger: logger)
                failures = 0
                signal.signal()  // Anything queued before LISTEN took effect.
                for await _ in listener.events { signal.signal() }
                await listener.close()
            } catch {
                failures += 1
                logger.warning("webhook dispatcher cannot listen for notifications; polling meanwhile", metadata: ["error": "\(error)"])
                let ceiling = min(5000, 100 << min(failures, 6))
                try? await Task.sleep(for: .milliseconds(ceiling / 2 + Int.random(in: 0...(ceiling / 2))))
            }
        }
    }
}
