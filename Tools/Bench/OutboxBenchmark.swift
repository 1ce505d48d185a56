import Messaging
import Outbox
import Persistence

/// The outbox end to end, with an `OutboxRelay` running as in a service: writers commit events through
/// `OutboxWriter.append`, the relay publishes them with confirms to a quorum queue bound to a topic
/// exchange of this run, and its observer reports each confirmed batch.
///
/// 1. End to end: `orderEvents` order transactions (one event each) by `outboxWriters` writers while
///    the relay runs; events/s from the first commit until the observer has seen every event confirmed.
/// 2. Relay lag: one paced writer committing `lagRate × lagTick` events every `lagTick` for
///    `lagSeconds`; per event, row `created_at` → broker confirm as the relay measures it.
/// 3. Relay drain: `outboxEvents` events written (`eventsPerTransaction` per transaction) while no relay
///    runs — a backlog, as after a broker outage — then a relay starts; events/s from its first
///    confirmed batch to its last.
struct OutboxBenchmark: Sendable {
    let environment: BenchEnvironment
    let settings: FoundationSettings
    let schema: BenchSchema
    let transaction: OrderTransaction

    struct Result: Sendable {
        var orderEventsPerSecond: Double
        var drainEventsPerSecond: Double
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
            let (orderRate, lag) = try await withRelay(publisher: publisher, exchange: exchange) { observer in
                try await measurePipelineAndLag(observer)
            }
            try await publisher.purge(queue: queue)
            let drainRate = try await measureDrain(publisher: publisher, exchange: exchange)
            return Result(orderEventsPerSecond: orderRate, drainEventsPerSecond: drainRate, relayLag: lag)
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

    // MARK: 1 and 2: order pipeline and relay lag

    private func measurePipelineAndLag(_ observer: RelayObserver) async throws -> (Double, RelayLagResult) {
        let pool = schema.pool
        let transaction = transaction

        // Warm-up: the relay elects itself, starts listening and publishes one event.
        try await transaction.run(on: pool)
        var expected = 1
        _ = try await observer.waitUntilSeen(expected, timeout: .seconds(30))

        // 1. Order pipeline.
        let orderEvents = settings.orderEvents
        let commits = CommitTimes()
        try await runWriters(count: orderEvents, writers: settings.outboxWriters) { _ in
            try await transaction.run(on: pool)
            commits.recordCommit()
        }
        let orderStart = expected
        expected += orderEvents
        let allConfirmed = try await observer.waitUntilSeen(expected, timeout: .seconds(180))
        guard let firstCommit = commits.first, let lastCommit = commits.last else {
            throw BenchError("no order transaction committed")
        }
        let orderRate = Double(orderEvents) / Formatting.seconds(allConfirmed - firstCommit)
        let writeRate = Double(orderEvents) / max(Formatting.seconds(lastCommit - firstCommit), 0.001)
        Console.progress(
            "outbox end to end, \(Formatting.grouped(orderEvents)) order transactions, \(settings.outboxWriters) writers: "
                + "\(Formatting.rate(orderRate)) events/s (committed at \(Formatting.rate(writeRate))/s); "
                + roundsText(observer, orderStart, expected)
        )

        // 2. Relay lag at a steady rate: commit k is due at start + k × tick.
        let perCommit = settings.lagEventsPerCommit
        let commitCount = max(1, Int((Double(settings.lagSeconds) / Formatting.seconds(settings.lagTick)).rounded()))
        let lagEvents = commitCount * perCommit
        let tick = settings.lagTick
        let pacedStart = ContinuousClock.now + .milliseconds(50)
        let pacedCommits = CommitTimes()
        // Two tasks share the schedule, so one slow commit does not hold the next one back.
        try await runWriters(count: commitCount, writers: 2) { index in
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
        let lagResult = RelayLagResult(
            requestedRate: settings.lagRate, achievedRate: achievedRate, seconds: settings.lagSeconds,
            eventsPerCommit: perCommit, lag: lag
        )
        return (orderRate, lagResult)
    }

    // MARK: 3: relay drain

    private func measureDrain(publisher: AMQPConnection, exchange: String) async throws -> Double {
        let pool = schema.pool
        let transaction = transaction
        let perTransaction = settings.eventsPerTransaction
        let transactions = (settings.outboxEvents + perTransaction - 1) / perTransaction
        let events = transactions * perTransaction
        try await schema.truncate()
        try await runWriters(count: transactions, writers: settings.outboxWriters) { _ in
            try await transaction.appendEvents(perTransaction, on: pool)
        }
        return try await withRelay(publisher: publisher, exchange: exchange) { observer in
            let finished = try await observer.waitUntilSeen(events, timeout: .seconds(300))
            guard let first = observer.firstBatch, first.total < events else {
                throw BenchError("the relay published the whole backlog in one batch; raise --outbox-events")
            }
            let rate = Double(events - first.total) / Formatting.seconds(finished - first.at)
            Console.progress(
                "outbox relay drain, backlog of \(Formatting.grouped(events)) events: \(Formatting.rate(rate)) events/s; "
                    + roundsText(observer, 0, events)
            )
            return rate
        }
    }

    // MARK: Helpers

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
