import Contracts
import Foundation
import Logging
import Messaging
import Metrics
import Persistence
import ServiceLifecycle
import Synchronization

/// Consumes a service's inbox queue and runs its handlers with exactly-once effects.
///
/// For every delivery: decode the envelope header, find the handler for its type, and in one
/// transaction claim the event id in the inbox and run the handler; acknowledge after the commit.
/// - A duplicate (already claimed) is acknowledged without effect.
/// - A handler error is retried through the delay queues (`<service>.retry.<n>`), each retry
///   acknowledged only after the copy is confirmed; after the last retry the message is parked in
///   `<service>.dlq` with headers for the reason, handler, attempts and first-failure time.
/// - An undecodable body, an unknown event type, a payload that does not decode, or an
///   ``EventRejection`` is parked at once: retrying cannot help.
/// - If even parking fails (broker trouble), the delivery is returned to the queue and the lane
///   pauses, so nothing is lost and nothing spins.
///
/// Deliveries are spread over `concurrency` lanes by correlation id, so events of one business key
/// are handled in order while different keys proceed in parallel. A lane with a backlog handles up to
/// `batchSize` queued deliveries in one transaction (their inbox claims in one statement) and acknowledges them
/// after that one commit; if any of them fails, the transaction is rolled back and each is handled again
/// on its own, so one bad message never takes its neighbours' effects or retries with it. On graceful shutdown the consumer
/// stops taking messages, finishes those it holds, and returns; nothing is acknowledged unprocessed.
public final class EventConsumer: Service, Sendable {
    public struct Configuration: Sendable {
        /// The service's topology: its inbox, retry delays and DLQ; bindings are the handled event types.
        public var topology: ServiceTopology
        /// The schema holding the service's `inbox` and `outbox`.
        public var schema: String
        /// Unacknowledged messages the broker may send ahead.
        public var prefetch: UInt16
        /// Handlers running at once (lanes); one correlation id always maps to the same lane.
        public var concurrency: Int
        /// Most deliveries a lane handles in one transaction when they are already queued (1: one transaction each).
        public var batchSize: Int

        public init(topology: ServiceTopology, schema: String, prefetch: UInt16 = 64, concurrency: Int = 4, batchSize: Int = 16) {
            self.topology = topology
            self.schema = schema
            self.prefetch = prefetch
            self.concurrency = max(1, concurrency)
            self.batchSize = max(1, batchSize)
        }
    }

    public let configuration: Configuration
    private let handlers: EventHandlers
    private let pool: PostgresPool
    private let consuming: AMQPConnection
    private let publishing: AMQPConnection
    private let inbox: Inbox
    private let outbox: OutboxWriter
    private let logger: Logger
    private let metrics: ConsumerMetrics

    /// - Parameters:
    ///   - consuming: the connection deliveries arrive on.
    ///   - publishing: the connection retries and parked messages are published on (confirms on).
    ///   The inbox is bound to exactly the handled event types; ``Configuration/topology``'s
    ///   `bindingKeys` are replaced by them.
    public init(
        configuration: Configuration,
        handlers: EventHandlers,
        pool: PostgresPool,
        consuming: AMQPConnection,
        publishing: AMQPConnection,
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) throws(OutboxError) {
        var configuration = configuration
        configuration.topology.bindingKeys = handlers.eventTypes
        self.configuration = configuration
        self.handlers = handlers
        self.pool = pool
        self.consuming = consuming
        self.publishing = publishing
        inbox = try Inbox(schema: configuration.schema)
        outbox = try OutboxWriter(schema: configuration.schema)
        var logger = logger
        logger[metadataKey: "queue"] = "\(configuration.topology.inboxQueue)"
        self.logger = logger
        metrics = ConsumerMetrics(service: configuration.topology.service, factory: metricsFactory)
    }

    private var topology: ServiceTopology { configuration.topology }

    public func run() async throws {
        let lanes = (0..<configuration.concurrency).map { _ in ConsumerLane<Delivery>() }
        let current = CurrentConsumer()
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for lane in lanes {
                    group.addTask {
                        while true {
                            let batch = await lane.next(limit: self.configuration.batchSize)
                            if batch.isEmpty { return }
                            await self.process(batch)
                        }
                    }
                }
                group.addTask {
                    await self.dispatch(into: lanes, current: current)
                    for lane in lanes { lane.finish() }
                }
            }
        } onGracefulShutdown: {
            current.stop()
        }
    }

    /// Consumes the inbox (re-subscribing after a broker-side cancel) and spreads deliveries over lanes.
    private func dispatch(into lanes: [ConsumerLane<Delivery>], current: CurrentConsumer) async {
        var failures = 0
        while !current.isStopped, !Task.isCancelled {
            do {
                try await consuming.waitUntilConnected(timeout: .seconds(5))
                try await consuming.declare(topology.topology)
                let consumer = try await consuming.consume(queue: topology.inboxQueue, prefetch: configuration.prefetch)
                guard current.set(consumer) else {
                    await consumer.cancel()
                    return
                }
                logger.info("consuming", metadata: ["event_types": "\(handlers.eventTypes.joined(separator: ","))"])
                failures = 0
                for try await delivery in consumer {
                    let key = delivery.properties.correlationID ?? delivery.properties.messageID ?? ""
                    var hasher = Hasher()
                    hasher.combine(key)
                    lanes[Int(UInt(bitPattern: hasher.finalize()) % UInt(lanes.count))].yield(delivery)
                }
                if current.isStopped { return }
            } catch {
                failures += 1
                if failures == 1 || failures % 10 == 0 {
                    logger.warning("cannot consume the inbox; retrying", metadata: ["error": "\(error)"])
                }
            }
            try? await Task.sleep(for: OutboxRelay.backoff(attempt: failures))
        }
    }

    // MARK: Handling a batch

    /// Handles queued deliveries of one lane in one transaction; falls back to one transaction each when any of them
    /// fails (or cannot even be routed to a handler), so failures are retried or parked one message at a time.
    func process(_ batch: [Delivery]) async {
        guard batch.count > 1 else {
            if let delivery = batch.first { await process(delivery) }
            return
        }
        let outcomes = batch.map(route)
        let routed = outcomes.compactMap { try? $0.get() }
        guard routed.count == batch.count else {
            for (delivery, outcome) in zip(batch, outcomes) { await handle(delivery, outcome) }
            return
        }
        let started = ContinuousClock.now
        let applied: [Bool]
        do {
            // One attempt: a batch that fails (a deadlock with another lane included) is not run again as a whole;
            // its deliveries are handled one by one, each with the pool's usual retries.
            applied = try await pool.transaction(maximumAttempts: 1) { transaction in
                let applied = try await inbox.claim(
                    routed.map { (messageID: $0.header.id.description, handler: $0.entry.name, eventType: $0.header.type) }, in: transaction
                )
                for (message, claimed) in zip(routed, applied) where claimed {
                    let context = EventHandlerContext(
                        transaction: transaction, outbox: outbox, header: message.header, attempt: message.attempt,
                        logger: logger(for: message.header, handler: message.entry.name)
                    )
                    try await message.entry.handle(message.header, message.body, context)
                }
                return applied
            }
        } catch {
            logger.debug("a batch failed; handling its deliveries one by one", metadata: ["batch": "\(batch.count)", "error": "\(error)"])
            for message in routed { await apply(message) }
            return
        }
        let share = (ContinuousClock.now - started) / routed.count
        for (message, applied) in zip(routed, applied) {
            message.delivery.ack()
            metrics.handled(handler: message.entry.name, duplicate: !applied, duration: share)
        }
    }

    /// The consumer's logger with the message's correlation id, event id, type and handler.
    private func logger(for header: EventEnvelopeHeader, handler: String) -> Logger {
        var logger = self.logger
        logger[metadataKey: "correlation_id"] = "\(header.correlationID)"
        logger[metadataKey: "event_id"] = "\(header.id)"
        logger[metadataKey: "event_type"] = "\(header.type)"
        logger[metadataKey: "handler"] = "\(handler)"
        return logger
    }

    // MARK: Handling one delivery

    /// A delivery with its decoded envelope header and the handler for its type.
    struct Routed: Sendable {
        let delivery: Delivery
        let header: EventEnvelopeHeader
        let body: Data
        let entry: EventHandlers.Entry
        let attempt: Int
    }

    /// Decodes the envelope header and finds the handler; the failure is the reason to park the message.
    private func route(_ delivery: Delivery) -> Result<Routed, RoutingFailure> {
        let body = Data(delivery.body)
        let attempt = Int(delivery.properties.headers[MessageHeaders.attempt]?.integerValue ?? 1)
        let header: EventEnvelopeHeader
        do {
            header = try EventEnvelopeHeader.decode(from: body)
        } catch {
            return .failure(RoutingFailure(reason: "undecodable envelope: \(error)", attempt: attempt))
        }
        guard let entry = handlers.entry(for: header.type) else {
            return .failure(RoutingFailure(reason: "no handler for event type '\(header.type)'", attempt: attempt))
        }
        return .success(Routed(delivery: delivery, header: header, body: body, entry: entry, attempt: attempt))
    }

    /// Why a delivery has no handler to run: parked at once, retrying cannot help.
    struct RoutingFailure: Error {
        let reason: String
        let attempt: Int
    }

    func process(_ delivery: Delivery) async {
        await handle(delivery, route(delivery))
    }

    /// Applies a routed delivery on its own, or parks one that has no handler to run.
    private func handle(_ delivery: Delivery, _ outcome: Result<Routed, RoutingFailure>) async {
        switch outcome {
        case .success(let message):
            await apply(message)
        case .failure(let failure):
            await park(delivery, reason: failure.reason, handler: "none", attempt: failure.attempt)
        }
    }

    /// Runs the handler with the inbox claim in one transaction (the pool's usual retries), then acknowledges; a
    /// failure is retried through the delay queues or parked.
    private func apply(_ message: Routed) async {
        let (delivery, header, body, entry, attempt) = (message.delivery, message.header, message.body, message.entry, message.attempt)
        let logger = logger(for: header, handler: entry.name)
        let started = ContinuousClock.now
        do {
            let applied = try await pool.transaction { transaction in
                guard try await inbox.claim(messageID: header.id.description, handler: entry.name, eventType: header.type, in: transaction) else {
                    return false
                }
                let context = EventHandlerContext(transaction: transaction, outbox: outbox, header: header, attempt: attempt, logger: logger)
                try await entry.handle(header, body, context)
                return true
            }
            delivery.ack()
            metrics.handled(handler: entry.name, duplicate: !applied, duration: ContinuousClock.now - started)
            if !applied {
                logger.debug("duplicate delivery; effects already committed")
            }
        } catch let rejection as EventRejection {
            logger.warning("event rejected; parking it", metadata: ["reason": "\(rejection.reason)"])
            await park(delivery, reason: rejection.reason, handler: entry.name, attempt: attempt)
        } catch {
            metrics.failed(handler: entry.name)
            if attempt <= topology.retryDelays.count {
                logger.warning("handler failed; retrying later", metadata: [
                    "attempt": "\(attempt)", "retry_in": "\(topology.retryDelays[attempt - 1])", "error": "\(error)",
                ])
                await retry(delivery, error: error, handler: entry.name, attempt: attempt)
            } else {
                logger.error("handler failed on every attempt; parking the message", metadata: ["attempts": "\(attempt)", "error": "\(error)"])
                await park(delivery, reason: "failed \(attempt) times; last error: \(error)", handler: entry.name, attempt: attempt)
            }
        }
    }

    private func retry(_ delivery: Delivery, error: any Error, handler: String, attempt: Int) async {
        var properties = annotated(delivery, reason: "\(error)", handler: handler)
        properties.headers[MessageHeaders.attempt] = .integer(Int64(attempt + 1))
        let copy = OutgoingMessage(exchange: "", routingKey: topology.retryQueue(attempt), body: delivery.body, properties: properties)
        await forward(delivery, as: copy)
        metrics.retried(handler: handler)
    }

    private func park(_ delivery: Delivery, reason: String, handler: String, attempt: Int) async {
        var properties = annotated(delivery, reason: reason, handler: handler)
        properties.headers[MessageHeaders.attempts] = .integer(Int64(attempt))
        let copy = OutgoingMessage(exchange: "", routingKey: topology.deadLetterQueue, body: delivery.body, properties: properties)
        await forward(delivery, as: copy)
        metrics.parked(handler: handler)
    }

    /// The delivery's properties plus the failure headers (the first failure time is kept across retries).
    private func annotated(_ delivery: Delivery, reason: String, handler: String) -> MessageProperties {
        var properties = delivery.properties
        var headers = properties.headers
        headers["x-death"] = nil
        headers[MessageHeaders.reason] = .string(String(reason.prefix(2000)))
        headers[MessageHeaders.handler] = .string(handler)
        if headers[MessageHeaders.firstFailure] == nil {
            headers[MessageHeaders.firstFailure] = .string((try? StableJSON.string(from: Date())) ?? "\(Date())")
        }
        if headers[MessageHeaders.originalRoutingKey] == nil {
            headers[MessageHeaders.originalRoutingKey] = .string(delivery.routingKey)
            headers[MessageHeaders.originalExchange] = .string(delivery.exchange)
        }
        properties.headers = headers
        return properties
    }

    /// Publishes the copy (retry or parked) and only then acknowledges the original; on failure the
    /// original goes back to the queue and this lane pauses before taking more.
    private func forward(_ delivery: Delivery, as copy: OutgoingMessage) async {
        do {
            try await publishing.publish(copy)
            delivery.ack()
        } catch {
            logger.error("cannot move a failed message to \(copy.routingKey); returning it to the queue", metadata: ["error": "\(error)"])
            delivery.reject(requeue: true)
            try? await Task.sleep(for: .seconds(1))
        }
    }
}

/// The live subscription, so shutdown can cancel it from the graceful-shutdown handler.
private final class CurrentConsumer: Sendable {
    private struct State {
        var consumer: AMQPConsumer?
        var stopped = false
    }

    private let state = Mutex(State())

    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Records the subscription; false if shutdown already began (the caller cancels it).
    func set(_ consumer: AMQPConsumer) -> Bool {
        state.withLock { state in
            guard !state.stopped else { return false }
            state.consumer = consumer
            return true
        }
    }

    func stop() {
        let consumer = state.withLock { state in
            state.stopped = true
            return state.consumer
        }
        if let consumer {
            Task { await consumer.cancel() }
        }
    }
}
