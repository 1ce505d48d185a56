import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import ServiceKit
import Shipments

/// The shipments benchmark's run: the service in this process, shipments from confirmed orders, milestones at the
/// HTTP edge (closed loop, fixed rate), then webhook deliveries to a receiver in this process, then the table.
struct ShipmentsBenchmark {
    struct Settings {
        /// Each measured run (after the load generator's 1 s warm-up for the milestone runs).
        var duration: Duration
        /// Connections of the closed-loop runs.
        var connections: Int
        /// Shipments walked by the closed-loop milestone run.
        var shipments: Int
        /// Offered milestones/s of the fixed-rate milestone run; nil: ``rateShare`` of the closed loop's.
        var rate: Int?
        var rateConnections: Int
        /// Offered milestones/s of the fixed-rate webhook run; nil: ``webhookRateShare`` of the closed-loop webhook run's
        /// deliveries/s per subscriber (``defaultWebhookRate`` without that run).
        var webhookRate: Int?
        var subscribers: Int
        /// Whether to run the closed-loop webhook run too.
        var webhookPeak: Bool
        var poolSize: Int?
        /// Longest wait for shipments to be created, the relay to catch up, and deliveries to arrive.
        var settleTimeout: Duration
    }

    let environment: BenchEnvironment
    let settings: Settings
    let databaseURL: String
    let amqpURL: String

    /// The fixed rate when none is given, as a share of the closed loop's milestones/s: busy, not flooded.
    static let rateShare = 0.6
    /// Shipments of the closed-loop webhook run, as a share of what the closed milestone loop would walk in the
    /// same time (its milestones compete with the dispatcher for the CPU, so it is slower — about half, measured; the
    /// run ends early if they run out, and its deliveries/s stays valid).
    static let webhookPeakShare = 0.8
    /// The fixed webhook rate when none is given, as a share of the dispatcher's capacity per subscriber measured by
    /// the closed loop: a load it sustains, so commit → receiver shows the path's latency rather than a backlog.
    static let webhookRateShare = 0.6
    /// The fixed webhook rate when none is given and the closed loop was skipped.
    static let defaultWebhookRate = 100
    /// The shortest time between two milestones of one shipment in the fixed-rate runs (see ``ShipmentsBenchRequests``).
    static let minimumStepGap = 2.0
    /// The event types the benchmark's subscriptions name: the ones the webhook walk announces.
    static let webhookEventTypes = ShipmentsBenchRequests.announcedWalk.compactMap { ShipmentsBenchRequests.announcedEventType($0) }

    /// `share` of `perSecond`, rounded to tens (at least 10).
    static func rate(share: Double, of perSecond: Double) -> Int {
        max(10, Int((perSecond * share / 10).rounded()) * 10)
    }

    /// The secret of subscriber `number` (16+ characters, unique per run).
    func secret(subscriber number: Int) -> String {
        "wholesail-bench-\(environment.runID)-secret-\(number)"
    }

    /// - Returns: whether the run was free of errors (failed requests, lost deliveries, bad signatures).
    func run() async throws -> Bool {
        let schema = "bench_shipments_\(environment.runID)"
        let admin = PostgresPool(configuration: environment.database, maximumConnections: 2, logger: environment.logger)
        defer { Task { await admin.close() } }
        _ = try await admin.execute("CREATE SCHEMA \(schema)")
        let exchange = environment.brokerName("events")
        let createdQueue = environment.brokerName("shipments-created")
        let sinkQueue = environment.brokerName("shipments-sink")
        let queues = [createdQueue, sinkQueue]

        let service: RunningService
        let serviceConfiguration: ServiceConfiguration
        do {
            var variables = [
                "WHOLESAIL_DATABASE_URL": databaseURL,
                "WHOLESAIL_AMQP_URL": amqpURL,
                "WHOLESAIL_HTTP_PORT": "0",
                "WHOLESAIL_EVENTS_EXCHANGE": exchange,
                "WHOLESAIL_LOG_LEVEL": "error",
            ]
            if let poolSize = settings.poolSize { variables["WHOLESAIL_DATABASE_POOL_SIZE"] = "\(poolSize)" }
            serviceConfiguration = try ServiceConfiguration(service: schema, environment: EnvironmentReader(variables))
            service = try ShipmentsService.make(configuration: serviceConfiguration, shipments: ShipmentsConfiguration(), logger: environment.logger).start()
        } catch {
            try? await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange)
            throw error
        }

        var observing: AMQPConnection?
        var publishing: AMQPConnection?
        var consumer: AMQPConsumer?
        var creatorTask: Task<Void, Never>?
        var receiver: ShipmentsBenchReceiver?
        let passed: Bool
        do {
            let port = try await service.httpPort()
            Console.progress("shipments service on 127.0.0.1:\(port), schema \(schema), database pool \(serviceConfiguration.databasePoolSize)")
            try await environment.waitUntilReady(service: "shipments", port: port)

            // shipments.shipment.created.v1 to the creator's queue; everything the service publishes also to a queue
            // that keeps none of it, so nothing piles up in the shared unrouted queue.
            let observingConnection = try await environment.connectBroker(role: "shipments-observe")
            observing = observingConnection
            try await observingConnection.declare(ServiceTopology.shared(exchange: exchange).merging(Topology(
                queues: [
                    QueueDeclaration(name: createdQueue, durable: false, exclusive: false, autoDelete: false),
                    QueueDeclaration(name: sinkQueue, durable: false, exclusive: false, autoDelete: false, arguments: ["x-max-length": 0]),
                ],
                bindings: [
                    QueueBinding(queue: createdQueue, exchange: exchange, routingKey: ShipmentCreated.eventType.routingKey),
                    QueueBinding(queue: sinkQueue, exchange: exchange, routingKey: "shipments.#"),
                ]
            )))
            let publishingConnection = try await environment.connectBroker(role: "shipments-publish")
            publishing = publishingConnection
            let creator = ShipmentsBenchCreator(exchange: exchange, publisher: publishingConnection)
            let created = try await observingConnection.consume(queue: createdQueue, prefetch: 500)
            consumer = created
            creatorTask = Task { await creator.run(created) }
            let probe = ShipmentsBenchProbe(pool: admin, schema: schema)

            try await checkSample(port: port, creator: creator)

            // 1. Milestones at the HTTP edge, closed loop, then a fixed rate.
            Console.progress("creating \(Formatting.grouped(settings.shipments)) shipments from orders.order.confirmed.v1")
            let setUp = try await creator.create(count: settings.shipments, tag: "peak", timeout: settings.settleTimeout)
            Console.progress("  \(Formatting.grouped(setUp.shipmentIDs.count)) in \(String(format: "%.1f", Formatting.seconds(setUp.elapsed))) s (\(Formatting.rate(setUp.shipmentsPerSecond))/s)")
            try await probe.waitUntilPublished(timeout: settings.settleTimeout)

            let peakRequests = ShipmentsBenchRequests(tag: "peak", shipments: setUp.shipmentIDs, walk: ShipmentsBenchRequests.fullWalk)
            let peak = try await intake(
                "milestones, closed loop, \(settings.connections) connections, \(settings.duration)", requests: peakRequests, port: port, probe: probe, admin: admin, schema: schema
            ) {
                await $0.runPeak(duration: settings.duration, connections: settings.connections)
            }

            let rate = settings.rate ?? Self.rate(share: Self.rateShare, of: peak.result.requestsPerSecond)
            let runSeconds = Formatting.seconds(settings.duration) + 1
            let fixedShipments = max(
                Int((Double(rate) * runSeconds / Double(ShipmentsBenchRequests.fullWalk.count)).rounded(.up)) + 10,
                Int(Double(rate) * Self.minimumStepGap)
            )
            let fixedSet = try await create(fixedShipments, tag: "rate", creator: creator, probe: probe)
            let fixedRequests = ShipmentsBenchRequests(tag: "rate", shipments: fixedSet, walk: ShipmentsBenchRequests.fullWalk)
            let fixed = try await intake(
                "milestones, \(Formatting.grouped(rate))/s offered, \(settings.rateConnections) connections, \(settings.duration)",
                requests: fixedRequests, port: port, probe: probe, admin: admin, schema: schema
            ) {
                await $0.runFixedRate(rate: rate, duration: settings.duration, connections: settings.rateConnections)
            }

            // 2. Webhooks: subscriptions pointing at a receiver here; milestones that each announce an event.
            let hooks = try await ShipmentsBenchReceiver.start(logger: environment.logger)
            receiver = hooks
            var secrets: [Int: String] = [:]
            for number in 0..<settings.subscribers {
                let secret = secret(subscriber: number)
                try await subscribe(port: port, url: "http://127.0.0.1:\(hooks.port)\(ShipmentsBenchReceiver.path(subscriber: number))", secret: secret)
                secrets[number] = secret
            }
            Console.progress("webhook receiver on 127.0.0.1:\(hooks.port), \(settings.subscribers) subscription(s) to \(Self.webhookEventTypes.joined(separator: ", "))")

            // The closed loop first: it finds the dispatcher's capacity, which sets the fixed rate when none is given.
            let steps = ShipmentsBenchRequests.announcedWalk.count
            var webhookRuns: [ShipmentsBenchWebhookRun] = []
            if settings.webhookPeak {
                let count = max(100, Int((peak.result.requestsPerSecond * Formatting.seconds(settings.duration) * Self.webhookPeakShare / Double(steps)).rounded(.up)))
                let peakSet = try await create(count, tag: "hook-peak", creator: creator, probe: probe)
                webhookRuns.append(try await webhookRun(
                    "closed loop, \(settings.connections) connections", rate: nil, limit: count * steps,
                    requests: ShipmentsBenchRequests(tag: "hook-peak", shipments: peakSet, walk: ShipmentsBenchRequests.announcedWalk),
                    port: port, receiver: hooks, secrets: secrets, probe: probe, admin: admin, schema: schema
                ))
            }
            let webhookRate = settings.webhookRate ?? webhookRuns.first.map {
                Self.rate(share: Self.webhookRateShare, of: $0.deliveriesPerSecond / Double(settings.subscribers))
            } ?? Self.defaultWebhookRate
            let webhookCount = webhookRate * Int(Formatting.seconds(settings.duration).rounded())
            let webhookShipments = max((webhookCount + steps - 1) / steps, Int(Double(webhookRate) * Self.minimumStepGap))
            let webhookSet = try await create(webhookShipments, tag: "hook-rate", creator: creator, probe: probe)
            webhookRuns.append(try await webhookRun(
                "\(Formatting.grouped(webhookRate))/s offered, \(settings.rateConnections) conns", rate: webhookRate, limit: webhookCount,
                requests: ShipmentsBenchRequests(tag: "hook-rate", shipments: webhookSet, walk: ShipmentsBenchRequests.announcedWalk),
                port: port, receiver: hooks, secrets: secrets, probe: probe, admin: admin, schema: schema
            ))

            let report = ShipmentsBenchReport(
                settings: settings, configuration: serviceConfiguration, setUp: setUp, peak: peak, fixed: fixed, rate: rate,
                webhooks: webhookRuns, webhookRate: webhookRate, undecodableCreated: creator.undecodable
            )
            report.print()
            passed = !report.hasErrors

            await created.cancel()
            await creatorTask?.value
            try await service.shutdown()
            await hooks.stop()
        } catch {
            await consumer?.cancel()
            await creatorTask?.value
            try? await service.shutdown()
            await receiver?.stop()
            try? await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange, queues: queues, connections: [observing, publishing])
            throw error
        }
        try await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange, queues: queues, connections: [observing, publishing])
        return passed
    }

    /// One shipment, one milestone over HTTP, and the order's shipment list: the API answers as the load assumes.
    private func checkSample(port: Int, creator: ShipmentsBenchCreator) async throws {
        let sample = try await creator.create(count: 1, tag: "sample", timeout: settings.settleTimeout)
        guard let shipmentID = sample.shipmentIDs.first else { throw BenchError("the sample shipment was not created") }
        let request = ShipmentsBenchRequests(tag: "sample", shipments: [shipmentID], walk: ShipmentsBenchRequests.fullWalk).request(0)
        let answer = try await BenchHTTP.post(port: port, path: request.path, body: request.body)
        guard answer.status == 200 else {
            throw BenchError("the sample milestone failed with \(answer.status): \(String(decoding: answer.body.prefix(500), as: UTF8.self))")
        }
        guard let json = try? JSONValue(data: Data(answer.body)), json["milestone"]?["applied"]?.boolValue == true,
            json["shipment"]?["status"]?.stringValue == MilestoneKind.picked.rawValue
        else {
            throw BenchError("the sample milestone's answer is not an applied pick: \(String(decoding: answer.body.prefix(500), as: UTF8.self))")
        }
        let list = try await BenchHTTP.get(port: port, path: "/v1/shipments?order=bench-sample-0")
        guard list.status == 200, String(decoding: list.body, as: UTF8.self).contains(shipmentID) else {
            throw BenchError("GET /v1/shipments?order=bench-sample-0 answered \(list.status) without shipment \(shipmentID)")
        }
        Console.progress("sample: shipment \(shipmentID) created from orders.order.confirmed.v1, picked over HTTP (\(request.body.count)-byte body, \(answer.body.count)-byte answer)")
    }

    /// `count` new shipments of run `tag`, and the relay caught up afterwards.
    private func create(_ count: Int, tag: String, creator: ShipmentsBenchCreator, probe: ShipmentsBenchProbe) async throws -> [String] {
        Console.progress("creating \(Formatting.grouped(count)) shipments for the \(tag) run")
        let batch = try await creator.create(count: count, tag: tag, timeout: settings.settleTimeout)
        try await probe.waitUntilPublished(timeout: settings.settleTimeout)
        return batch.shipmentIDs
    }

    /// `POST /v1/webhook-subscriptions` for `url`.
    private func subscribe(port: Int, url: String, secret: String) async throws {
        let types = Self.webhookEventTypes.map { "\"\($0)\"" }.joined(separator: ",")
        let body = #"{"url":"\#(url)","eventTypes":[\#(types)],"secret":"\#(secret)"}"#
        let answer = try await BenchHTTP.post(port: port, path: "/v1/webhook-subscriptions", body: Array(body.utf8))
        guard answer.status == 201 else {
            throw BenchError("POST /v1/webhook-subscriptions answered \(answer.status): \(String(decoding: answer.body.prefix(500), as: UTF8.self))")
        }
    }

    /// One milestone run through the load generator, with CPU and what the service recorded.
    private func intake(
        _ label: String, requests: ShipmentsBenchRequests, port: Int, probe: ShipmentsBenchProbe, admin: PostgresPool, schema: String,
        _ load: (HTTPLoadGenerator) async -> HTTPLoadResult
    ) async throws -> ShipmentsBenchIntakeRun {
        Console.progress(label)
        let database = BackendCPUSampler(admin: admin, applicationPrefix: schema)
        try await database.start()
        let cpuBefore = ProcessCPUTime.now()
        let result = await load(requests.generator(port: port))
        let cpu = ProcessCPUTime.now() - cpuBefore
        let databaseCPU = await database.stop()
        Console.progress("  \(result.summary)")
        if let failure = result.firstFailure { Console.progress("  first failure: \(failure)") }
        let milestones = try await probe.milestones(tag: requests.tag)
        try await probe.waitUntilPublished(timeout: settings.settleTimeout)
        // CPU covers the warm-up second too, so it is divided by every milestone sent, warm-up included.
        let warmUpShare = 1.0 / max(Formatting.seconds(result.elapsed), 0.001)
        let sent = Int((Double(result.completed) * (1 + warmUpShare)).rounded())
        let run = ShipmentsBenchIntakeRun(
            label: label, result: result, sent: sent, cpuPerEvent: sent > 0 ? cpu / sent : nil,
            databaseCPUPerEvent: sent > 0 ? databaseCPU.map { $0 / sent } : nil, milestones: milestones, shipments: requests.shipments.count
        )
        Console.progress(
            "  \(Formatting.grouped(milestones.applied)) applied, \(Formatting.grouped(milestones.recordedOnly)) history only; CPU per milestone: this process "
                + "\(OrdersBenchReport.microseconds(run.cpuPerEvent)), the service's PostgreSQL backends \(OrdersBenchReport.microseconds(run.databaseCPUPerEvent))"
        )
        return run
    }

    /// One webhook run: milestones through ``ShipmentsBenchSender``, then the wait for their deliveries.
    private func webhookRun(
        _ label: String, rate: Int?, limit: Int, requests: ShipmentsBenchRequests, port: Int, receiver: ShipmentsBenchReceiver,
        secrets: [Int: String], probe: ShipmentsBenchProbe, admin: PostgresPool, schema: String
    ) async throws -> ShipmentsBenchWebhookRun {
        let connections = rate == nil ? settings.connections : settings.rateConnections
        Console.progress("webhooks, milestones \(label), up to \(Formatting.grouped(limit)) milestones / \(settings.duration)")
        let marker = try await probe.now()
        let arrivalsBefore = receiver.count
        let database = BackendCPUSampler(admin: admin, applicationPrefix: schema)
        try await database.start()
        let cpuBefore = ProcessCPUTime.now()
        let sender = ShipmentsBenchSender(port: port) { requests.request($0) }
        let outcome = await sender.run(rate: rate, duration: settings.duration, limit: limit, connections: connections)
        let owed = outcome.completed.count(where: { requests.announcedEventType($0.index) != nil }) * secrets.count
        Console.progress(
            "  \(Formatting.grouped(outcome.answers.count)) milestones sent, \(Formatting.grouped(outcome.completed.count)) answered 2xx; waiting for \(Formatting.grouped(owed)) deliveries"
        )
        if let failure = outcome.firstFailure { Console.progress("  first failure: \(failure)") }

        // Until every owed delivery arrived and the service recorded it (it records an attempt just after the receiver's
        // answer), or the service has none pending any more (the rest failed), or the settle time is up.
        let deadline = ContinuousClock.now + settings.settleTimeout
        var lastDatabaseCheck = ContinuousClock.now
        while ContinuousClock.now < deadline {
            if receiver.count - arrivalsBefore >= owed {
                if try await probe.deliveries(since: marker).pending == 0 { break }
            } else if ContinuousClock.now - lastDatabaseCheck > .milliseconds(500) {
                lastDatabaseCheck = ContinuousClock.now
                let state = try await probe.deliveries(since: marker)
                if state.pending == 0, state.total >= owed {
                    try await Task.sleep(for: .milliseconds(300))
                    break
                }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let cpu = ProcessCPUTime.now() - cpuBefore
        let databaseCPU = await database.stop()
        let arrivals = Array(receiver.snapshot().dropFirst(arrivalsBefore))
        let run = ShipmentsBenchWebhookRun(
            label: label, offeredRate: rate, connections: connections, requests: requests, outcome: outcome, arrivals: arrivals, secrets: secrets,
            database: try await probe.deliveries(since: marker), cpu: cpu, databaseCPU: databaseCPU
        )
        Console.progress(
            "  \(Formatting.grouped(run.received)) of \(Formatting.grouped(run.expected)) deliveries, \(Formatting.rate(run.deliveriesPerSecond))/s, "
                + "commit → receiver p50 \(ShipmentsBenchReport.milliseconds(run.latency?.p50)) p99 \(ShipmentsBenchReport.milliseconds(run.latency?.p99)), "
                + "tail \(ShipmentsBenchReport.milliseconds(run.tail))"
        )
        try await probe.waitUntilPublished(timeout: settings.settleTimeout)
        return run
    }
}
