import Contracts
import ERPSimulatorKit
import Foundation
import Logging
import Messaging
import Orders
import Persistence
import ServiceKit

/// The orders benchmark's run: pgbench baseline, the orders service with an ERP simulator, intake load at peak and at
/// a fixed rate with the ERP up and down, then the table.
struct OrdersBenchmark {
    struct Settings {
        /// Each measured run (pgbench, closed loop, each fixed-rate run), after the load generator's 1 s warm-up.
        var duration: Duration
        /// Connections of the closed-loop run, and pgbench's clients.
        var connections: Int
        /// Offered orders per second of the fixed-rate intake run; nil: ``rateShare`` of the closed-loop figure.
        var rate: Int?
        /// Offered orders per second of the two runs whose orders are answered (ERP up, ERP down); nil:
        /// ``outageRateShare`` of the closed-loop figure.
        var outageRate: Int?
        /// Rounds of the answered runs: ERP up, ERP down, up, down, …, each ``duration`` long, merged per condition,
        /// so load that drifts on a shared machine hits both conditions alike.
        var outageRounds: Int
        var rateConnections: Int
        var lines: Int
        var poolSize: Int?
        /// Longest wait for the relay, confirmations and ERP postings to catch up after a run.
        var settleTimeout: Duration
        var pgbench: Pgbench
    }

    /// One pgbench run of the order-shaped transaction.
    struct PgbenchRun {
        var transactionsPerSecond: Double
        /// pgbench's own process, and its PostgreSQL backends, per transaction.
        var clientCPU: Duration?
        var databaseCPU: Duration?
    }

    /// What one intake run measured, with what the pipeline behind it did.
    struct IntakeRun {
        var label: String
        var result: HTTPLoadResult
        /// Orders sent, warm-up included (what the CPU figures are divided by).
        var ordersSent: Int
        /// This whole process (service, generator, answerer) per order sent.
        var cpuPerOrder: Duration?
        /// The service's PostgreSQL backends (pool and relay) per order sent, and the relay's backend alone.
        var databaseCPUPerOrder: Duration?
        var relayDatabaseCPUPerOrder: Duration?
        var relay: OrdersBenchProbe.Relay
        /// How far the run's orders got (confirmed, posted to the ERP); for the runs whose orders are answered.
        var progress: OrdersBenchProbe.Progress?
    }

    let environment: BenchEnvironment
    let settings: Settings
    let databaseURL: String
    let amqpURL: String

    /// Intake orders/s (closed loop) as a share of pgbench's order-shaped transactions/s must reach this.
    static let target = 0.6
    /// The fixed rate when none is given, as a share of the closed-loop orders/s: a load intake sustains with
    /// room to spare, like a busy day rather than a flood.
    static let rateShare = 0.65
    /// The same for the runs whose orders are answered: each order then also costs three handled events, a
    /// confirmation and an ERP posting on the same two cores — about five times intake's CPU per order, measured —
    /// so a higher share saturates the machine, and latency measures the backlog instead of intake.
    static let outageRateShare = 0.12
    /// Tags of the runs (the orders' references are `<tag>-<index>`).
    static let peakTag = "peak"
    static let rateTag = "rate"
    static let upTag = "up"
    static let downTag = "down"

    /// Several rounds of one condition as one run: results merged, CPU per order weighted by orders sent.
    static func merged(_ runs: [IntakeRun], label: String, relay: OrdersBenchProbe.Relay, progress: OrdersBenchProbe.Progress?) -> IntakeRun? {
        guard let result = HTTPLoadResult.merging(runs.map(\.result)) else { return nil }
        let sent = runs.reduce(0) { $0 + $1.ordersSent }
        func weighted(_ value: (IntakeRun) -> Duration?) -> Duration? {
            guard sent > 0, runs.allSatisfy({ value($0) != nil }) else { return nil }
            return runs.reduce(Duration.zero) { $0 + (value($1) ?? .zero) * $1.ordersSent } / sent
        }
        return IntakeRun(
            label: label, result: result, ordersSent: sent, cpuPerOrder: weighted(\.cpuPerOrder),
            databaseCPUPerOrder: weighted(\.databaseCPUPerOrder), relayDatabaseCPUPerOrder: weighted(\.relayDatabaseCPUPerOrder),
            relay: relay, progress: progress
        )
    }

    /// `share` of `ordersPerSecond`, rounded to tens (at least 10).
    static func rate(share: Double, of ordersPerSecond: Double) -> Int {
        max(10, Int((ordersPerSecond * share / 10).rounded()) * 10)
    }

    /// - Returns: whether intake reached the target.
    func run() async throws -> Bool {
        let schema = "bench_orders_\(environment.runID)"
        let admin = PostgresPool(configuration: environment.database, maximumConnections: 2, logger: environment.logger)
        defer { Task { await admin.close() } }
        _ = try await admin.execute("CREATE SCHEMA \(schema)")
        let exchange = environment.brokerName("events")
        let sinkQueue = environment.brokerName("orders-sink")
        let answerQueue = environment.brokerName("orders-steps")
        let queues = [sinkQueue, answerQueue]

        let erp: RunningERPSimulator
        let service: RunningService
        let serviceConfiguration: ServiceConfiguration
        var orders = OrdersConfiguration()
        do {
            erp = try await ERPSimulator.start(logger: environment.logger)
        } catch {
            try? await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange, queues: [], connections: [])
            throw BenchError("cannot start the ERP simulator: \(error)")
        }
        do {
            var variables = [
                "WHOLESAIL_DATABASE_URL": databaseURL,
                "WHOLESAIL_AMQP_URL": amqpURL,
                "WHOLESAIL_HTTP_PORT": "0",
                "WHOLESAIL_EVENTS_EXCHANGE": exchange,
                // The ERP poster warns at every posting the outage refuses: expected here, so errors only.
                "WHOLESAIL_LOG_LEVEL": "error",
            ]
            if let poolSize = settings.poolSize { variables["WHOLESAIL_DATABASE_POOL_SIZE"] = "\(poolSize)" }
            // The relay's settings may be varied from the bench's own environment, to compare them on one machine.
            for (name, value) in ProcessInfo.processInfo.environment where name.hasPrefix("WHOLESAIL_OUTBOX_") {
                variables[name] = value
            }
            serviceConfiguration = try ServiceConfiguration(service: schema, environment: EnvironmentReader(variables))
            orders.erpURL = erp.baseURL
            // The limiter guards against a runaway channel; it must not be what the benchmark measures.
            orders.rateLimitPerSecond = 1_000_000
            orders.rateBurst = 1_000_000
            // The closed loop's orders are never answered on purpose; they must not turn into needs_attention
            // (re-requests, warnings) while the later runs are measured.
            orders.stepTimeout = .seconds(3600)
            service = try OrdersService.make(configuration: serviceConfiguration, orders: orders, logger: environment.logger).start()
        } catch {
            try? await erp.shutdown()
            try? await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange, queues: [], connections: [])
            throw error
        }

        var observing: AMQPConnection?
        var answering: AMQPConnection?
        var consumer: AMQPConsumer?
        var answererTask: Task<Void, Never>?
        var baselineSchema: BenchSchema?
        let passed: Bool
        do {
            let port = try await service.httpPort()
            Console.progress(
                "orders service on 127.0.0.1:\(port), schema \(schema), database pool \(serviceConfiguration.databasePoolSize); ERP simulator at \(erp.baseURL.absoluteString)"
            )
            try await environment.waitUntilReady(service: "orders", port: port)

            // The relay's events: orders.order.received.v1 to the step answerer's queue; everything the service
            // publishes also to a queue that keeps none of it, so nothing piles up in the shared unrouted queue.
            let observingConnection = try await environment.connectBroker(role: "orders-observe")
            observing = observingConnection
            try await observingConnection.declare(ServiceTopology.shared(exchange: exchange).merging(Topology(
                queues: [
                    QueueDeclaration(name: sinkQueue, durable: false, exclusive: false, autoDelete: false, arguments: ["x-max-length": 0]),
                    QueueDeclaration(name: answerQueue, durable: false, exclusive: false, autoDelete: false),
                ],
                bindings: [
                    QueueBinding(queue: sinkQueue, exchange: exchange, routingKey: "orders.#"),
                    QueueBinding(queue: answerQueue, exchange: exchange, routingKey: OrderReceived.eventType.routingKey),
                ]
            )))
            let answeringConnection = try await environment.connectBroker(role: "orders-answer")
            answering = answeringConnection
            let answerer = OrdersStepAnswerer(exchange: exchange, publisher: answeringConnection)
            let answers = try await observingConnection.consume(queue: answerQueue, prefetch: 500)
            consumer = answers
            answererTask = Task { await answerer.run(answers) }

            var keyDatabase = environment.database
            keyDatabase.searchPath = [schema]
            let keyPool = PostgresPool(configuration: keyDatabase, maximumConnections: 1, logger: environment.logger)
            let apiKey = try await APIKeys(pool: keyPool).create(channel: OrdersBenchRequests.channel, label: "wholesail-bench").key
            await keyPool.close()
            let requests = OrdersBenchRequests(apiKey: apiKey, lineCount: settings.lines)

            let sample = requests.request(tag: "sample", index: 0)
            let sampleResponse = try await BenchHTTP.post(
                port: port, path: sample.path, body: sample.body, headers: Dictionary(uniqueKeysWithValues: sample.headers.map { ($0.name, $0.value) })
            )
            guard sampleResponse.status == 202 else {
                throw BenchError("the sample order failed with \(sampleResponse.status): \(String(decoding: sampleResponse.body.prefix(500), as: UTF8.self))")
            }
            Console.progress("sample order: \(sample.body.count)-byte body, 202 with a \(sampleResponse.body.count)-byte answer")

            // The foundation's order-shaped transaction, run by pgbench against the same server in this run.
            let baseline = try await BenchSchema.create(environment: environment, maximumConnections: 2)
            baselineSchema = baseline
            let transaction = try OrderTransaction(schema: baseline.name)
            let variables = try transaction.pgbenchVariables()
            let seconds = max(1, Int(Formatting.seconds(settings.duration).rounded()))
            func pgbench(_ label: String) async throws -> PgbenchRun {
                try await baseline.truncate()
                Console.progress("pgbench, order-shaped transaction, \(Formatting.clients(settings.connections)), \(seconds) s (\(label))")
                let database = BackendCPUSampler(admin: admin, applicationPrefix: Pgbench.applicationName)
                try await database.start()
                let clientBefore = ProcessCPUTime.children()
                let tps = try await settings.pgbench.run(
                    script: transaction.pgbenchScript, variables: variables, clients: settings.connections, seconds: seconds,
                    database: environment.database, scriptName: "wholesail-bench-\(environment.runID)-orders"
                )
                let client = ProcessCPUTime.children() - clientBefore
                let databaseCPU = await database.stop()
                let transactions = max(1, Int((tps * Double(seconds)).rounded()))
                let run = PgbenchRun(transactionsPerSecond: tps, clientCPU: client / transactions, databaseCPU: databaseCPU.map { $0 / transactions })
                Console.progress(
                    "  \(Formatting.rate(tps)) tx/s; CPU per transaction: pgbench \(OrdersBenchReport.microseconds(run.clientCPU)), "
                        + "its PostgreSQL backends \(OrdersBenchReport.microseconds(run.databaseCPU))"
                )
                return run
            }

            let probe = OrdersBenchProbe(pool: admin, schema: schema)
            func intake(_ label: String, tag: String, _ load: (HTTPLoadGenerator) async -> HTTPLoadResult) async throws -> IntakeRun {
                Console.progress(label)
                let cursor = try await probe.outboxCursor()
                let database = BackendCPUSampler(admin: admin, applicationPrefix: schema)
                let relayDatabase = BackendCPUSampler(admin: admin, applicationPrefix: "\(schema)-outbox-relay")
                try await database.start()
                try await relayDatabase.start()
                let cpuBefore = ProcessCPUTime.now()
                let result = await load(requests.generator(port: port, tag: tag))
                let cpu = ProcessCPUTime.now() - cpuBefore
                let databaseCPU = await database.stop()
                let relayDatabaseCPU = await relayDatabase.stop()
                Console.progress("  \(result.summary)")
                if let failure = result.firstFailure { Console.progress("  first failure: \(failure)") }
                try await probe.waitUntilPublished(after: cursor, timeout: settings.settleTimeout)
                let relay = try await probe.relay(referencePattern: "\(tag)-%")
                // CPU covers the warm-up second too, so it is divided by every order sent, warm-up included.
                let warmUpShare = 1.0 / max(Formatting.seconds(result.elapsed), 0.001)
                let sent = Int((Double(result.completed) * (1 + warmUpShare)).rounded())
                let run = IntakeRun(
                    label: label, result: result, ordersSent: sent, cpuPerOrder: sent > 0 ? cpu / sent : nil,
                    databaseCPUPerOrder: sent > 0 ? databaseCPU.map { $0 / sent } : nil,
                    relayDatabaseCPUPerOrder: sent > 0 ? relayDatabaseCPU.map { $0 / sent } : nil, relay: relay
                )
                Console.progress(
                    "  CPU per order: this process \(OrdersBenchReport.microseconds(run.cpuPerOrder)), the service's PostgreSQL backends "
                        + "\(OrdersBenchReport.microseconds(run.databaseCPUPerOrder)) (relay's \(OrdersBenchReport.microseconds(run.relayDatabaseCPUPerOrder)))"
                )
                return run
            }

            // 1. Closed loop between two pgbench runs: intake's peak against the database's.
            let pgbenchBefore = try await pgbench("before the closed loop")
            let peak = try await intake("intake, closed loop, \(settings.connections) connections, \(settings.duration)", tag: Self.peakTag) {
                await $0.runPeak(duration: settings.duration, connections: settings.connections)
            }
            let pgbenchAfter = try await pgbench("after the closed loop")
            await baseline.drop()
            baselineSchema = nil

            // 2. Intake alone at a fixed rate.
            let rate = settings.rate ?? Self.rate(share: Self.rateShare, of: peak.result.requestsPerSecond)
            let fixed = try await intake("intake, \(Formatting.grouped(rate))/s offered, \(settings.rateConnections) connections", tag: Self.rateTag) {
                await $0.runFixedRate(rate: rate, duration: settings.duration, connections: settings.rateConnections)
            }

            // 3. Orders answered (confirmed, posted to the ERP) at a fixed rate, ERP up and ERP down in alternating rounds.
            let outageRate = settings.outageRate ?? Self.rate(share: Self.outageRateShare, of: peak.result.requestsPerSecond)
            let roundDuration = settings.duration
            func settled(_ tag: String, until done: @escaping (OrdersBenchProbe.Progress) -> Bool) async throws -> OrdersBenchProbe.Progress {
                try await probe.progress(tag: tag, until: done, timeout: settings.settleTimeout)
            }
            func answered(_ condition: String, tag: String) async throws -> IntakeRun {
                answerer.answer(tag: tag)
                return try await intake(
                    "intake, \(Formatting.grouped(outageRate))/s offered, orders answered, \(condition), \(roundDuration) (\(tag))", tag: tag
                ) {
                    await $0.runFixedRate(rate: outageRate, duration: roundDuration, connections: settings.rateConnections)
                }
            }
            var upRounds: [IntakeRun] = []
            var downRounds: [IntakeRun] = []
            var pendingWhenRestored = 0
            var confirmedWhileDown = 0
            var refusedWhileDown = 0
            var recoveryTime = Duration.zero
            for round in 1...settings.outageRounds {
                let upTag = "\(Self.upTag)-\(round)"
                upRounds.append(try await answered("ERP up", tag: upTag))
                _ = try await settled(upTag) { $0.confirmed == $0.orders && $0.erpPending == 0 }

                let downTag = "\(Self.downTag)-\(round)"
                let refusedBefore = await erp.state.statistics().counters(for: .salesOrders).failedByKnob
                await erp.state.setOutage(true)
                Console.progress("ERP simulator: outage on")
                downRounds.append(try await answered("ERP DOWN", tag: downTag))
                let atRestore = try await settled(downTag) { $0.confirmed == $0.orders }
                pendingWhenRestored += atRestore.erpPending
                confirmedWhileDown += atRestore.confirmed
                refusedWhileDown += await erp.state.statistics().counters(for: .salesOrders).failedByKnob - refusedBefore
                await erp.state.setOutage(false)
                Console.progress("ERP simulator: outage off; waiting for the postings held back")
                let recoveryStart = ContinuousClock.now
                _ = try await settled(downTag) { $0.erpPending == 0 }
                recoveryTime = max(recoveryTime, ContinuousClock.now - recoveryStart)
            }
            let upProgress = try await probe.progress(tag: Self.upTag)
            let recovered = try await probe.progress(tag: Self.downTag)
            guard let up = Self.merged(upRounds, label: "ERP up", relay: try await probe.relay(referencePattern: "\(Self.upTag)-%"), progress: upProgress),
                let down = Self.merged(downRounds, label: "ERP down", relay: try await probe.relay(referencePattern: "\(Self.downTag)-%"), progress: recovered)
            else { throw BenchError("no answered round ran (--outage-rounds must be at least 1)") }

            let documents = await erp.state.documents(kind: .salesOrders)
            let statistics = await erp.state.statistics().counters(for: .salesOrders)
            let outOfOrder = try await probe.postingsOutOfOrder(received: documents.map(\.idempotencyKey))

            let report = OrdersBenchReport(
                settings: settings, configuration: serviceConfiguration, rate: rate, outageRate: outageRate,
                pgbenchBefore: pgbenchBefore, pgbenchAfter: pgbenchAfter, peak: peak, fixed: fixed, up: up, down: down,
                erp: OrdersBenchReport.ERPOutcome(
                    refusedWhileDown: refusedWhileDown, confirmedWhileDown: confirmedWhileDown, pendingWhenRestored: pendingWhenRestored, recovered: recovered,
                    recoveryTime: recoveryTime, documents: documents.count, duplicates: statistics.duplicates, outOfOrder: outOfOrder
                ),
                answererFailures: answerer.failures
            )
            report.print()
            passed = report.passed

            await answers.cancel()
            await answererTask?.value
            try await service.shutdown()
            try? await erp.shutdown()
        } catch {
            await consumer?.cancel()
            await answererTask?.value
            try? await service.shutdown()
            try? await erp.shutdown()
            await baselineSchema?.drop()
            try? await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange, queues: queues, connections: [observing, answering])
            throw error
        }
        try await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange, queues: queues, connections: [observing, answering])
        return passed
    }


}
