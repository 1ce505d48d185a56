import Contracts
import Foundation
import Logging
import Messaging
import Metrics
import Persistence
import ServiceLifecycle

/// Publishes a service's committed outbox rows to RabbitMQ, with publisher confirms.
///
/// - **One leader per service**: each instance opens a session of its own and tries
///   `pg_try_advisory_lock`; the holder relays, the others wait on standby. All of the leader's reads
///   and updates run on that session, so if it dies (and the lock with it) the relay stops at once
///   and elects again. Because only the leader reads, no row locks are taken, and no transaction
///   stays open across the broker round trip.
/// - **Order**: rows are read by `sequence` and published in that order, pipelined; a row is marked
///   published only after the broker confirmed it. A crash between confirm and mark republishes the
///   row on restart (consumers' inboxes absorb the duplicate): at least once, never zero times.
/// - **Wake-up**: `LISTEN/NOTIFY` (``OutboxWriter`` notifies on append) with polling as fallback.
/// - **Housekeeping**: published rows are deleted after the retention period, inbox rows after
///   theirs, in small batches.
/// - **Shutdown**: on graceful shutdown it publishes what is left (bounded by a timeout) and stops.
public final class OutboxRelay: Service, Sendable {
    /// One published event, for observers (benchmarks, tests).
    public struct PublishedEvent: Sendable {
        public var id: UUID
        public var eventType: String
        /// From the row's `created_at` to the broker's confirm.
        public var lag: Duration
    }

    public let configuration: OutboxRelayConfiguration
    private let database: PostgresConfiguration
    private let publisher: AMQPConnection
    private let logger: Logger
    private let observer: (@Sendable ([PublishedEvent]) -> Void)?
    private let wake = WakeSignal()
    private let publishedCounter: Counter
    private let failedCounter: Counter
    private let lagTimer: Metrics.Timer

    /// - Parameters:
    ///   - database: the service's database settings; the relay opens its own leader and listener sessions.
    ///   - publisher: a connection used for publishing (confirms on).
    ///   - observer: called with each confirmed batch (e.g. to measure lag); keep it cheap.
    public init(
        configuration: OutboxRelayConfiguration,
        database: PostgresConfiguration,
        publisher: AMQPConnection,
        logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        observer: (@Sendable ([PublishedEvent]) -> Void)? = nil
    ) throws(OutboxError) {
        guard OutboxWriter.isValidSchemaName(configuration.schema) else { throw .invalidSchemaName(configuration.schema) }
        self.configuration = configuration
        var database = database
        database.applicationName = "\(configuration.schema)-outbox-relay"
        self.database = database
        self.publisher = publisher
        var logger = logger
        logger[metadataKey: "outbox"] = "\(configuration.schema)"
        self.logger = logger
        self.observer = observer
        let dimensions = [("schema", configuration.schema)]
        publishedCounter = Counter(label: "wholesail_outbox_published_total", dimensions: dimensions, factory: metricsFactory)
        failedCounter = Counter(label: "wholesail_outbox_publish_failures_total", dimensions: dimensions, factory: metricsFactory)
        lagTimer = Metrics.Timer(label: "wholesail_outbox_relay_lag_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds, factory: metricsFactory)
    }

    private var schema: String { configuration.schema }

    /// Relays until graceful shutdown (or cancellation), electing, reconnecting and retrying as needed.
    public func run() async throws {
        await withGracefulShutdownHandler {
            var failures = 0
            while !Task.isShuttingDownGracefully, !Task.isCancelled {
                do {
                    try await leadAndRelay()
                    failures = 0
                } catch {
                    failures += 1
                    logger.warning("outbox relay interrupted; starting over", metadata: ["error": "\(error)"])
                    await wake.wait(timeout: Self.backoff(attempt: failures))
                }
            }
        } onGracefulShutdown: {
            self.wake.signal()
        }
    }

    static func backoff(attempt: Int) -> Duration {
        let ceiling = min(5000, 100 << min(attempt, 6))
        return .milliseconds(ceiling / 2 + Int.random(in: 0...(ceiling / 2)))
    }

    private var isStopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    private func leadAndRelay() async throws {
        let session = try await PostgresConnection.connect(configuration: database, logger: logger)
        do {
            try await prepare(session)
            guard try await becomeLeader(session) else {
                await session.close()
                return
            }
            logger.info("outbox relay is the leader")
            let listener = try await PostgresNotificationListener.start(
                configuration: database,
                channels: [OutboxWriter.notificationChannel(schema: schema)],
                logger: logger
            )
            let listening = Task { [wake] in
                for await _ in listener.events { wake.signal() }
            }
            defer { listening.cancel() }
            do {
                try await relayWhileLeader(session)
            } catch {
                await listener.close()
                throw error
            }
            await listener.close()
            _ = try? await session.query("SELECT pg_advisory_unlock(hashtext($1))", leaderLockName)
            await session.close()
        } catch {
            await session.close()
            throw error
        }
    }

    private var leaderLockName: String { "wholesail.outbox-relay.\(schema)" }

    /// Session settings of the relay's own connection (they affect nothing else):
    /// - the work-list query must always walk the partial index of unpublished rows; with missing
    ///   or stale statistics (a backlog after a broker outage) the planner otherwise reads and sorts
    ///   every unpublished row each round (measured: 300–700 ms per round instead of 3 ms);
    /// - marking rows published need not wait for the disk: if that commit were lost in a crash the
    ///   rows would be published again, which the consumers' inboxes absorb.
    private func prepare(_ session: PostgresConnection) async throws {
        _ = try await session.execute("SET enable_seqscan = off")
        _ = try await session.execute("SET enable_bitmapscan = off")
        _ = try await session.execute("SET synchronous_commit = off")
    }

    /// Waits on standby until this session holds the leader lock; false when stopping first.
    private func becomeLeader(_ session: PostgresConnection) async throws -> Bool {
        var announced = false
        while !isStopping {
            let rows = try await session.query("SELECT pg_try_advisory_lock(hashtext($1))", leaderLockName)
            if let row = rows.first, try row.decode(Bool.self, at: 0) { return true }
            if !announced {
                logger.info("another instance relays this outbox; standing by")
                announced = true
            }
            await wake.wait(timeout: configuration.leaderRetryInterval)
        }
        return false
    }

    /// Relays as a pipeline: up to ``OutboxRelayConfiguration/batchesInFlight`` batches are being
    /// confirmed by the broker while the next one is read and published; batches are marked in
    /// order. Reads continue after the highest sequence handed to the broker, and start from the
    /// beginning again whenever the pipeline drains or a publish fails, so a row whose transaction
    /// committed late (with a lower sequence) or whose publish failed is picked up on the next pass.
    private func relayWhileLeader(_ session: PostgresConnection) async throws {
        var lastPurge = ContinuousClock.now - configuration.purgeInterval
        var publishFailures = 0
        var cursor: Int64 = 0
        var inFlight: [Task<PublishedBatch, Never>] = []
        // A batch shorter than `batchSize` read everything committed at that moment; anything committed since sent
        // a NOTIFY, which the wake signal keeps. So the relay reads no more until it has settled what is in flight
        // and waited on that signal — one statement per round fewer than reading until a read comes back empty.
        var caughtUp = false
        let depth = max(1, configuration.batchesInFlight)
        while !isStopping {
            let batch = caughtUp ? nil : try await fetch(session, after: cursor)
            if let batch {
                cursor = batch.sequences[batch.sequences.count - 1]
                caughtUp = batch.sequences.count < configuration.batchSize
                inFlight.append(Task { await self.publish(batch) })
                if inFlight.count < depth, !caughtUp { continue }
            }
            guard !inFlight.isEmpty else {
                // Drained: everything read so far is confirmed and marked.
                publishFailures = 0
                caughtUp = false
                cursor = 0
                if ContinuousClock.now - lastPurge >= configuration.purgeInterval {
                    try await purge(session)
                    lastPurge = .now
                }
                await wake.wait(timeout: configuration.pollInterval)
                continue
            }
            if try await markPublished(await inFlight.removeFirst().value, session) {
                // Settle what is in flight, then start over from the oldest unpublished row.
                for pending in inFlight {
                    _ = try await markPublished(await pending.value, session)
                }
                inFlight = []
                cursor = 0
                caughtUp = false
                publishFailures += 1
                // The broker is down or refusing: wait for it rather than spin.
                _ = try? await publisher.waitUntilConnected(timeout: Self.backoff(attempt: publishFailures))
            }
        }
        for pending in inFlight {
            _ = try await markPublished(await pending.value, session)
        }
        // Flush: publish what is left, briefly, before handing over.
        let deadline = ContinuousClock.now + configuration.shutdownFlushTimeout
        while ContinuousClock.now < deadline, let batch = try await fetch(session, after: 0) {
            if try await markPublished(await publish(batch), session) { break }
        }
    }

    /// Unpublished rows read for publishing, in sequence order.
    private struct FetchedBatch: Sendable {
        var sequences: [Int64]
        var ids: [UUID]
        var types: [String]
        var created: [Date]
        var messages: [OutgoingMessage]
    }

    /// A batch after the broker answered for each message.
    private struct PublishedBatch: Sendable {
        var batch: FetchedBatch
        var results: [Result<Void, AMQPError>]
        var confirmedAt: Date
    }

    /// Up to `batchSize` unpublished rows with a sequence above `cursor`; nil when there are none.
    private func fetch(_ session: PostgresConnection, after cursor: Int64) async throws -> FetchedBatch? {
        let rows = try await session.query(
            """
            SELECT sequence, id, aggregate_id, event_type, payload::text, headers::text, created_at
            FROM "\(schema)".outbox
            WHERE published_at IS NULL AND sequence > $1
            ORDER BY sequence
            LIMIT $2
            """,
            cursor, configuration.batchSize
        )
        guard !rows.isEmpty else { return nil }
        var batch = FetchedBatch(sequences: [], ids: [], types: [], created: [], messages: [])
        batch.sequences.reserveCapacity(rows.count)
        batch.messages.reserveCapacity(rows.count)
        for row in rows {
            let id = try row.decode(UUID.self, at: 1)
            let eventType = try row.decode(String.self, at: 3)
            let createdAt = try row.decode(Date.self, at: 6)
            batch.sequences.append(try row.decode(Int64.self, at: 0))
            batch.ids.append(id)
            batch.types.append(eventType)
            batch.created.append(createdAt)
            batch.messages.append(OutgoingMessage(
                exchange: configuration.exchange,
                routingKey: eventType,
                body: Array(try row.decode(String.self, at: 4).utf8),
                properties: MessageProperties(
                    messageID: id.uuidString.lowercased(),
                    type: eventType,
                    correlationID: try row.decode(String.self, at: 2),
                    timestamp: createdAt,
                    headers: Self.headers(fromJSON: try row.decode(String.self, at: 5))
                )
            ))
        }
        return batch
    }

    private func publish(_ batch: FetchedBatch) async -> PublishedBatch {
        let results = await publisher.publish(batch: batch.messages)
        return PublishedBatch(batch: batch, results: results, confirmedAt: Date())
    }

    /// Marks the confirmed rows published; returns whether any message of the batch failed.
    private func markPublished(_ published: PublishedBatch, _ session: PostgresConnection) async throws -> Bool {
        let batch = published.batch
        var confirmed: [Int64] = []
        var events: [PublishedEvent] = []
        var failed = 0
        var firstError: AMQPError?
        for index in published.results.indices {
            switch published.results[index] {
            case .success:
                confirmed.append(batch.sequences[index])
                let lag = Duration.microseconds(Int64((published.confirmedAt.timeIntervalSince(batch.created[index]) * 1_000_000).rounded()))
                let (seconds, attoseconds) = lag.components
                lagTimer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
                events.append(PublishedEvent(id: batch.ids[index], eventType: batch.types[index], lag: lag))
            case .failure(let error):
                failed += 1
                firstError = firstError ?? error
            }
        }
        if !confirmed.isEmpty {
            _ = try await session.execute(
                #"UPDATE "\#(schema)".outbox SET published_at = clock_timestamp() WHERE sequence = ANY($1)"#,
                confirmed
            )
            publishedCounter.increment(by: confirmed.count)
            observer?(events)
        }
        if let firstError {
            failedCounter.increment(by: failed)
            logger.warning("outbox events not confirmed; they stay queued and are published again", metadata: [
                "failed": "\(failed)", "confirmed": "\(confirmed.count)", "error": "\(firstError)",
            ])
        }
        return failed > 0
    }

    static func headers(fromJSON text: String) -> [String: AMQPHeaderValue] {
        // The common row, `{"traceparent":"…"}` as ``OutboxWriter/headersJSON(traceparent:)`` writes it (the column
        // keeps the text as written), is read without parsing: this runs for every event.
        let prefix = #"{"\#(MessageHeaders.traceparent)":""#
        if text.hasPrefix(prefix), text.hasSuffix(#""}"#) {
            let value = text.utf8.dropFirst(prefix.utf8.count).dropLast(2)
            if value.allSatisfy({ byte in
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "-")
            }) {
                return [MessageHeaders.traceparent: .string(String(decoding: value, as: UTF8.self))]
            }
        }
        guard case .object(let object)? = try? JSONValue(data: Data(text.utf8)) else { return [:] }
        var headers: [String: AMQPHeaderValue] = [:]
        for (key, value) in object {
            if case .string(let string) = value { headers[key] = .string(string) }
        }
        return headers
    }

    private func purge(_ session: PostgresConnection) async throws {
        let outboxRetention = "\(configuration.retention.components.seconds) seconds"
        let inboxRetention = "\(configuration.inboxRetention.components.seconds) seconds"
        var deleted = 0
        repeat {
            deleted = try await session.execute(
                """
                DELETE FROM "\(schema)".outbox WHERE sequence IN (
                    SELECT sequence FROM "\(schema)".outbox
                    WHERE published_at < now() - $1::interval
                    LIMIT $2)
                """,
                outboxRetention, configuration.purgeBatchSize
            )
        } while deleted == configuration.purgeBatchSize && !isStopping
        repeat {
            deleted = try await session.execute(
                """
                DELETE FROM "\(schema)".inbox WHERE message_id IN (
                    SELECT message_id FROM "\(schema)".inbox
                    WHERE received_at < now() - $1::interval
                    LIMIT $2)
                """,
                inboxRetention, configuration.purgeBatchSize
            )
        } while deleted == configuration.purgeBatchSize && !isStopping
    }
}
