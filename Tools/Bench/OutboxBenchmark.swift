import Messaging
import Outbox
import Persistence

/// The outbox end to end, with an `OutboxRelay` running as in a service: writers commit events through
/// `OutboxWriter.append`, the relay publishes them with confirms to a quorum queue bound to a topic
/// exchange of this run, and its observer reports each confirmed batch.
///
/// 1. Relay throughput: `outboxEvents` events, `eventsPerTransaction` per transaction, by
///    `outboxWriters` writers — written faster than any relay can publish, so the relay is the
///    bottleneck; events/s from the first commit until the observer has seen every event confirmed.
/// 2. Order pipeline: `orderEvents` order transactions (one event each) by `outboxWriters` writers;
///    the same clock. Here PostgreSQL's commit rate is the bottleneck.
/// 3. Relay lag: one paced writer committing `lagRate × lagTick` events every `lagTick` for
///    `lagSeconds`; per event, row `created_at` → broker confirm as the relay measures it.
struct OutboxBenchmark: Sendable {
    let environment: BenchEnvironment
    let settings: FoundationSettings
    let schema: BenchSchema
    let transaction: OrderTransaction

    struct Result: Sendable {
        var relayEventsPerSecond: Double
        var orderEventsPerSecond: Double
        var relayLag: RelayLagResult
    }

    func run() async throws -> Result {
        let publisher = try await environment.connectBroker(role: "relay")
        let exchange = environment.brokerName("events")
        let queue = environment.brokerName("outbox")
        let outcome = await Outcome.of {
            try await publisher.declare(Topology(
                exchanges: [ExchangeDeclaration(name: exchange, kind: .topic)],
                queues: [QueueDeclaration(name: queue, arguments: ["x-queue-type": "quorum"])],
                bindings: [QueueBinding(queue: queue, exchange: exchange, routingKey: "#")]
            ))
            try await schema.truncate()
            return try await withRelay(publisher: publisher, exchange: exchange) { observer in
                try await measure(observer)
            }
        }
        try? await publisher.deleteQueue(queue)
        try? await publisher.deleteExchange(exchange)
        await publisher.close()
        return try outcome.get()
    }

    /// Runs a relay for the duration of `body` and stops it afterwards (cancellation ends its loop).
    private func withRelay<Value: Sendable>(
        publisher: AMQPConnection,
        exchange: String,
        _ body: (RelayObserver) async throws -> Value
    ) async throws -> Value {
        let observer = RelayObserver()
        let relay = try OutboxRelay(
            configuration: OutboxRelayConfiguration(schema: schema.name, exchange: exchange),
            database: environment.database,
            publisher: publisher,
            logger: environment.logger,
            observer: { events in observer.record(events) }
        )
        let running = Task { try await relay.run() }
        let outcome = await Outcome.of { try await body(observer) }
        running.cancel()
        _ = await running.result
        return try outcome.get()
    }

    private func measure(_ observer: RelayObserver) async throws -> Result {
        let pool = schema.pool
        let transaction = transaction
        let writers = settings.outboxWriters

        // Warm-up: the relay elects itself, starts listening and publishes one event.
        try await transaction.run(on: pool)
        var expected = 1
        _ = try await observer.waitUntilSeen(expected, timeout: .seconds(30))

        // 1. Relay throughput.
        let perTransaction = settings.eventsPerTransaction
        let relayTransactions = (settings.outboxEvents + perTransaction - 1) / perTransaction
        let relayEvents = relayTransactions * perTransaction
        let relayStart = expected
        let (relayRate, relayWriteRate) = try await throughput(events: relayEvents, expected: &expected, observer) { commits in
            try await runWriters(count: relayTransactions, writers: writers) { _ in
                try await transaction.appendEvents(perTransaction, on: pool)
                commits.recordCommit()
            }
        }
        Console.progress(
            "outbox relay throughput, \(Formatting.grouped(relayEvents)) events, \(perTransaction) per transaction: \(Formatting.rate(relayRate)) events/s "
                + "(written at \(Formatting.rate(relayWriteRate))/s); \(roundsText(observer, relayStart, expected))"
        )

        // 2. Order pipeline.
        let orderEvents = settings.orderEvents
        let orderStart = expected
        let (orderRate, orderWriteRate) = try await throughput(events: orderEvents, expected: &expected, observer) { commits in
            try await runWriters(count: orderEvents, writers: writers) { _ in
                try await transaction.run(on: pool)
                commits.recordCommit()
            }
        }
        Console.progress(
            "outbox order pipeline, \(Formatting.grouped(orderEvents)) order transactions, \(writers) writers: \(Formatting.rate(orderRate)) events/s "
                + "(written at \(Formatting.rate(orderWriteRate))/s); \(roundsText(observer, orderStart, expected))"
        )

        // 3. Relay lag at a steady rate: commit k is due at start + k × tick.
        let perCommit = settings.lagEventsPerCommit
        let commits = max(1, Int((Double(settings.lagSeconds) / Formatting.seconds(settings.lagTick)).rounded()))
        let lagEvents = commits * perCommit
        let tick = settings.lagTick
        let pacedStart = ContinuousClock.now + .milliseconds(50)
        let pacedCommits = CommitTimes()
        // Two tasks share the schedule, so one slow commit does not hold the next one back.
        try await runWriters(count: commits, writers: 2) { index in
            try await Task.sleep(until: pacedStart + tick * index, clock: .continuous)
            try await transaction.appendEvents(perCommit, on: pool)
            pacedCommits.recordCommit()
        }
        let achievedRate = Double(lagEvents) / Formatting.seconds((pacedCommits.last ?? pacedStart) - pacedStart)
        _ = try await observer.waitUntilSeen(expected + lagEvents, timeout: .seconds(60))
        guard let lag = LatencySummary(observer.lags(expected..<(expected + lagEvents))) else {
            throw BenchError("the relay reported no lag samples")
        }
        Console.progress(
            "relay lag at \(settings.lagRate) events/s: p50 \(Formatting.milliseconds(lag.p50)), p99 \(Formatting.milliseconds(lag.p99)); "
                + roundsText(observer, expected, expected + lagEvents)
        )
        return Result(
            relayEventsPerSecond: relayRate,
            orderEventsPerSecond: orderRate,
            relayLag: RelayLagResult(
                requestedRate: settings.lagRate, achievedRate: achievedRate, seconds: settings.lagSeconds,
                eventsPerCommit: perCommit, lag: lag
            )
        )
    }

    /// Runs `write` (which records its commits); returns events/s from the first commit until the relay
    /// has confirmed all `events`, and events/s from the first commit to the last.
    private func throughput(
        events: Int,
        expected: inout Int,
        _ observer: RelayObserver,
        _ write: (CommitTimes) async throws -> Void
    ) async throws -> (endToEnd: Double, written: Double) {
        let commits = CommitTimes()
        try await write(commits)
        expected += events
        let allConfirmed = try await observer.waitUntilSeen(expected, timeout: .seconds(180))
        guard let started = commits.first, let finished = commits.last else { throw BenchError("no outbox transaction committed") }
        return (
            Double(events) / Formatting.seconds(allConfirmed - started),
            Double(events) / max(Formatting.seconds(finished - started), 0.001)
        )
    }

    private func roundsText(_ observer: RelayObserver, _ start: Int, _ end: Int) -> String {
        let rounds = observer.batches(after: start, through: end)
        return "\(rounds.count) relay rounds, \(Int(rounds.meanSize.rounded())) events and \(Formatting.milliseconds(rounds.meanInterval)) each"
    }

    /// `writers` tasks sharing `count` jobs, numbered 0..<count.
    private func runWriters(count: Int, writers: Int, _ job: @escaping @Sendable (Int) async throws -> Void) async throws {
        let next = SharedCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, min(writers, count)) {
                group.addTask {
                    while true {
                        let index = next.next()
                        if index >= count { return }
                        try await job(index)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
