import Contracts
import Foundation
import Inventory
import Logging
import Messaging
import Persistence
import ServiceKit

/// The inventory benchmark's run: catalogue, service, reservation runs, availability load, table.
struct InventoryBenchmark {
    struct Settings {
        var skus: Int
        var stock: Int
        var orders: Int
        /// Orders per second of the fixed-rate runs; nil: half the burst's rate of the same scenario.
        var rate: Int?
        /// Zero skips the fixed-rate runs.
        var pacedDuration: Duration
        var batch: Int
        var concurrency: Int?
        var prefetch: Int?
        var timeout: Duration
        var availabilityDuration: Duration
        var availabilityConnections: Int
        /// Zero skips the open-loop availability run.
        var availabilityRate: Int
        var availabilityRateConnections: Int
    }

    let environment: BenchEnvironment
    let settings: Settings
    let databaseURL: String
    let amqpURL: String

    func run() async throws {
        let schema = "bench_inventory_\(environment.runID)"
        let admin = PostgresPool(configuration: environment.database, maximumConnections: 2, logger: environment.logger)
        defer { Task { await admin.close() } }
        _ = try await admin.execute("CREATE SCHEMA \(schema)")
        let exchange = environment.brokerName("events")
        let observationQueue = environment.brokerName("inventory-decisions")
        let sinkQueue = environment.brokerName("inventory-stock-sink")
        var variables = [
            "WHOLESAIL_DATABASE_URL": databaseURL,
            "WHOLESAIL_AMQP_URL": amqpURL,
            "WHOLESAIL_HTTP_PORT": "0",
            "WHOLESAIL_EVENTS_EXCHANGE": exchange,
            "WHOLESAIL_LOG_LEVEL": "warning",
        ]
        if let concurrency = settings.concurrency { variables["WHOLESAIL_CONSUMER_CONCURRENCY"] = "\(concurrency)" }
        if let prefetch = settings.prefetch { variables["WHOLESAIL_CONSUMER_PREFETCH"] = "\(prefetch)" }
        let serviceConfiguration: ServiceConfiguration
        let service: RunningService
        do {
            serviceConfiguration = try ServiceConfiguration(service: schema, environment: EnvironmentReader(variables))
            service = try InventoryService.make(
                configuration: serviceConfiguration, inventory: InventoryConfiguration(), logger: environment.logger
            ).start()
        } catch {
            try? await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange, queues: [], connections: [])
            throw error
        }
        var publisher: AMQPConnection?
        var observing: AMQPConnection?
        var observation: Task<Void, Never>?
        var consumer: AMQPConsumer?
        var failedChecks: [String] = []
        do {
            let port = try await service.httpPort()
            Console.progress(
                "inventory service on 127.0.0.1:\(port), schema \(schema), consumer concurrency \(serviceConfiguration.consumerConcurrency), prefetch \(serviceConfiguration.consumerPrefetch), pool \(serviceConfiguration.databasePoolSize)"
            )
            try await environment.waitUntilReady(service: "inventory", port: port)
            let loadBefore = Self.loadAverage()

            // Decisions come to the observation queue; the stock-changed events (one per allocation) go to a queue that
            // keeps none of them, so they neither pile up here nor in the shared unrouted queue.
            let observer = InventoryDecisionObserver()
            let observingConnection = try await environment.connectBroker(role: "inventory-observe")
            observing = observingConnection
            try await observingConnection.declare(ServiceTopology.shared(exchange: exchange).merging(Topology(
                queues: [
                    QueueDeclaration(name: observationQueue, durable: false, exclusive: false, autoDelete: false),
                    QueueDeclaration(name: sinkQueue, durable: false, exclusive: false, autoDelete: false, arguments: ["x-max-length": 0]),
                ],
                bindings: [
                    QueueBinding(queue: observationQueue, exchange: exchange, routingKey: "inventory.reservation.#"),
                    QueueBinding(queue: sinkQueue, exchange: exchange, routingKey: "inventory.stock.#"),
                ]
            )))
            let decisions = try await observingConnection.consume(queue: observationQueue, prefetch: 1000)
            consumer = decisions
            observation = Task { await observer.observe(decisions) }
            let publishing = try await environment.connectBroker(role: "inventory-publish")
            publisher = publishing

            let catalogue = InventoryBenchCatalogue(skus: settings.skus, stock: settings.stock)
            try await catalogue.load(port: port, admin: admin, schema: schema)

            var results: [InventoryReservationResult] = []
            var checks: [InventoryHotCheck] = []
            func reserve(_ run: InventoryReservationRun) async throws -> InventoryReservationResult {
                Console.progress("\(run.label): \(Formatting.grouped(run.messages.count)) orders")
                let result = try await run.run(publisher: publishing, observer: observer, admin: admin, schema: schema, timeout: settings.timeout)
                Console.progress(
                    "  \(Formatting.rate(result.ordersPerSecond)) orders/s, \(Formatting.grouped(result.confirmed)) confirmed, \(Formatting.grouped(result.failed)) failed"
                        + ", publish → decision p50 \(result.toDecision.map { Formatting.milliseconds($0.p50) } ?? "-") p99 \(result.toDecision.map { Formatting.milliseconds($0.p99) } ?? "-")"
                )
                results.append(result)
                // Let the relay finish the run's stock-changed events before the next run starts.
                try await Task.sleep(for: .seconds(1))
                return result
            }

            // 1. Orders spread over the catalogue.
            let spreadBurst = try await reserve(InventoryReservationRun(
                tag: "sb", label: "spread SKUs, burst",
                messages: try catalogue.orders(tag: "sb", count: settings.orders, hotSKU: nil, exchange: exchange, seed: 1),
                pace: .burst(batch: settings.batch)
            ))
            if settings.pacedDuration > .zero {
                let rate = settings.rate ?? Self.half(of: spreadBurst.ordersPerSecond)
                _ = try await reserve(InventoryReservationRun(
                    tag: "sp", label: "spread SKUs, \(Formatting.grouped(rate))/s",
                    messages: try catalogue.orders(tag: "sp", count: Self.count(rate: rate, duration: settings.pacedDuration), hotSKU: nil, exchange: exchange, seed: 2),
                    pace: .fixedRate(ordersPerSecond: rate)
                ))
            }

            // 2. One hot SKU in every order, stocked for about half of them.
            let hotStock = try await catalogue.stockHotSKU("HOT", units: settings.orders / 2, port: port)
            let hotBurst = try await reserve(InventoryReservationRun(
                tag: "hb", label: "hot SKU, burst",
                messages: try catalogue.orders(tag: "hb", count: settings.orders, hotSKU: "HOT", exchange: exchange, seed: 3),
                pace: .burst(batch: settings.batch)
            ))
            checks.append(try await InventoryHotCheck.run(
                sku: "HOT", orders: hotBurst.orders, stock: hotStock, confirmedOrders: hotBurst.confirmed, port: port, admin: admin, schema: schema
            ))
            if settings.pacedDuration > .zero {
                let rate = settings.rate ?? Self.half(of: hotBurst.ordersPerSecond)
                let count = Self.count(rate: rate, duration: settings.pacedDuration)
                let pacedStock = try await catalogue.stockHotSKU("HOT-PACED", units: count / 2, port: port)
                let hotPaced = try await reserve(InventoryReservationRun(
                    tag: "hp", label: "hot SKU, \(Formatting.grouped(rate))/s",
                    messages: try catalogue.orders(tag: "hp", count: count, hotSKU: "HOT-PACED", exchange: exchange, seed: 4),
                    pace: .fixedRate(ordersPerSecond: rate)
                ))
                checks.append(try await InventoryHotCheck.run(
                    sku: "HOT-PACED", orders: hotPaced.orders, stock: pacedStock, confirmedOrders: hotPaced.confirmed, port: port, admin: admin, schema: schema
                ))
            }
            for check in checks { Console.progress(check.line) }
            failedChecks = checks.filter { !$0.passed }.map(\.sku)

            // 3. Available-to-promise.
            let paths = catalogue.availabilityPaths(count: 4096)
            let sample = try await BenchHTTP.get(port: port, path: paths[0])
            guard sample.status == 200 else {
                throw BenchError("the sample availability query failed with \(sample.status): \(String(decoding: sample.body.prefix(500), as: UTF8.self))")
            }
            Console.progress("sample availability answer: \(sample.body.count) bytes")
            let availability = HTTPLoadGenerator(port: port) { index in
                HTTPLoadRequest(method: "GET", path: paths[index % paths.count])
            }
            // CPU per query covers the warm-up second too, so it is divided by every query answered, warm-up included.
            func measured(_ load: () async -> HTTPLoadResult) async throws -> InventoryBenchReport.AvailabilityRun {
                let databaseBefore = try await InventoryDatabaseCPU.sample(admin: admin, applicationPrefix: schema)
                let cpuBefore = ProcessCPUTime.now()
                let result = await load()
                let cpu = ProcessCPUTime.now() - cpuBefore
                let databaseCPU = try await InventoryDatabaseCPU.sample(admin: admin, applicationPrefix: schema).since(databaseBefore)
                Console.progress("  \(result.summary)")
                let warmUpShare = Formatting.seconds(availability.warmUp) / max(Formatting.seconds(result.elapsed), 0.001)
                let answered = max(1, Int((Double(result.completed) * (1 + warmUpShare)).rounded()))
                return InventoryBenchReport.AvailabilityRun(result: result, cpuPerQuery: cpu / answered, databaseCPUPerQuery: databaseCPU.map { $0 / answered })
            }
            Console.progress("availability, peak for \(settings.availabilityDuration) (\(settings.availabilityConnections) connections)")
            let availabilityPeak = try await measured {
                await availability.runPeak(duration: settings.availabilityDuration, connections: settings.availabilityConnections)
            }
            var availabilityFixed: InventoryBenchReport.AvailabilityRun?
            if settings.availabilityRate > 0 {
                Console.progress("availability, \(settings.availabilityRate)/s for \(settings.availabilityDuration) (\(settings.availabilityRateConnections) connections)")
                availabilityFixed = try await measured {
                    await availability.runFixedRate(
                        rate: settings.availabilityRate, duration: settings.availabilityDuration, connections: settings.availabilityRateConnections
                    )
                }
            }

            InventoryBenchReport(
                settings: settings, configuration: serviceConfiguration, reservations: results, checks: checks,
                availabilityPeak: availabilityPeak, availabilityFixed: availabilityFixed, availabilityBytes: sample.body.count,
                strays: observer.strays, loadBefore: loadBefore, loadAfter: Self.loadAverage()
            ).print()

            await decisions.cancel()
            await observation?.value
            try await service.shutdown()
        } catch {
            await consumer?.cancel()
            await observation?.value
            try? await service.shutdown()
            try? await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange, queues: [observationQueue, sinkQueue], connections: [publisher, observing])
            throw error
        }
        try await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange, queues: [observationQueue, sinkQueue], connections: [publisher, observing])
        guard failedChecks.isEmpty else {
            throw BenchError("the reservation check failed for \(failedChecks.joined(separator: ", ")): the service reserved the wrong amount or broke a position (see the check lines above)")
        }
    }



    /// Half a measured rate, rounded to tens (at least 10 orders/s).
    private static func half(of ordersPerSecond: Double) -> Int {
        max(10, Int((ordersPerSecond / 2 / 10).rounded()) * 10)
    }

    private static func count(rate: Int, duration: Duration) -> Int {
        max(10, Int((Double(rate) * Formatting.seconds(duration)).rounded()))
    }

    /// The 1-minute load average (`/proc/loadavg`), to show what else ran on the machine.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
