import Messaging
import Outbox
import Persistence

/// The outbox end to end, with an `OutboxRelay` running as in a service: concurrent writers commit
/// order transactions (each appending one event), the relay publishes them with confirms to a quorum
/// queue bound to a topic exchange of this run, and its observer reports each confirmed batch.
///
/// 1. Throughput: `outboxEvents` transactions by `outboxWriters` writers; events/s from the first
///    commit until the observer has seen every event confirmed.
/// 2. Relay lag: writers paced at `lagRate` events/s for `lagSeconds`; per event, row `created_at`
///    → broker confirm as the relay measures it.
struct OutboxBenchmark: Sendable {
    let environment: BenchEnvironment
    let settings: FoundationSettings
    let schema: BenchSchema
    let transaction: OrderTransaction

    struct Result: Sendable {
        var eventsPerSecond: Double
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

        // Warm-up: the relay elects itself, starts listening and publishes one event.
        try await transaction.run(on: pool)
        _ = try await observer.waitUntilSeen(1, timeout: .seconds(30))
        var expected = 1

        // 1. Throughput.
        let events = settings.outboxEvents
        let commits = CommitTimes()
        try await runWriters(count: events, writers: settings.outboxWriters) { _ in
            try await transaction.run(on: pool)
            commits.recordCommit()
        }
        expected += events
        let allConfirmed = try await observer.waitUntilSeen(expected, timeout: .seconds(120))
        guard let started = commits.first else { throw BenchError("no outbox transaction committed") }
        let eventsPerSecond = Double(events) / Formatting.seconds(allConfirmed - started)
        Console.progress(
            "outbox end to end, \(settings.outboxWriters) writers, \(Formatting.grouped(events)) events: \(Formatting.rate(eventsPerSecond)) events/s"
        )

        // 2. Relay lag at a steady rate: event k is due at start + k / rate.
        let lagEvents = settings.lagRate * settings.lagSeconds
        let interval = Duration.seconds(1) / settings.lagRate
        let pacedStart = ContinuousClock.now + .milliseconds(50)
        let pacedCommits = CommitTimes()
        try await runWriters(count: lagEvents, writers: settings.outboxWriters) { index in
            try await Task.sleep(until: pacedStart + interval * index, clock: .continuous)
            try await transaction.run(on: pool)
            pacedCommits.recordCommit()
        }
        let achievedRate = Double(lagEvents) / Formatting.seconds((pacedCommits.last ?? pacedStart) - pacedStart)
        _ = try await observer.waitUntilSeen(expected + lagEvents, timeout: .seconds(60))
        guard let lag = LatencySummary(observer.lags(expected..<(expected + lagEvents))) else {
            throw BenchError("the relay reported no lag samples")
        }
        Console.progress(
            "relay lag at \(settings.lagRate) events/s: p50 \(Formatting.milliseconds(lag.p50)), p99 \(Formatting.milliseconds(lag.p99))"
        )
        return Result(
            eventsPerSecond: eventsPerSecond,
            relayLag: RelayLagResult(requestedRate: settings.lagRate, achievedRate: achievedRate, seconds: settings.lagSeconds, lag: lag)
        )
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
