import ArgumentParser
import Foundation
import Logging
import ServiceKit

/// `wholesail-bench shipments`: milestone events/s accepted at the HTTP edge, and webhook deliveries/s to a local
/// receiver with the time from the milestone's commit to the receiver.
///
/// Starts the shipments service in this process (own schema, private exchange), creates shipments the way production
/// does (by publishing `orders.order.confirmed.v1`), walks them through their milestones over HTTP — closed loop, then
/// a fixed rate — and then, with webhook subscriptions pointing at a receiver in this process, sends milestones that
/// each announce an event and times every delivery. The issue sets no numeric target: the command prints figures and
/// exits 1 only when something went wrong (failed requests, lost deliveries, bad signatures).
struct ShipmentsBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shipments",
        abstract: "Milestone events/s at the HTTP edge, and webhook deliveries/s with commit-to-receiver latency."
    )

    @OptionGroup var servers: BenchServerOptions

    @Option(help: "Seconds of each measured run.")
    var seconds = 10

    @Option(help: "Connections of the closed-loop runs.")
    var concurrency = 8

    @Option(help: "Shipments walked by the closed-loop milestone run (five milestones each; past that, milestones repeat and are history only).")
    var shipments = 2_000

    @Option(help: "Offered milestones per second of the fixed-rate milestone run (default: 60 % of the closed loop's).")
    var rate: Int?

    @Option(help: "Connections of the fixed-rate runs.")
    var rateConnections = 32

    @Option(help: "Offered milestones per second of the fixed-rate webhook run, each announcing one event (default: 60 % of the deliveries/s per subscriber the closed-loop webhook run reached; 100 when it is skipped).")
    var webhookRate: Int?

    @Option(help: "Webhook subscriptions, all pointing at the receiver; every event is delivered once to each.")
    var subscribers = 1

    @Flag(help: "Skip the closed-loop webhook run (the dispatcher's capacity with a backlog).")
    var skipWebhookPeak = false

    @Option(help: "The service's database pool (WHOLESAIL_DATABASE_POOL_SIZE; default: the service's default).")
    var pool: Int?

    @Option(help: "Seconds to wait for shipments to be created and for webhook deliveries to arrive after a run.")
    var settleSeconds = 90

    func validate() throws {
        guard (1...600).contains(seconds) else { throw ValidationError("--seconds must be 1…600") }
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be 1…256") }
        guard (1...256).contains(rateConnections) else { throw ValidationError("--rate-connections must be 1…256") }
        guard (10...1_000_000).contains(shipments) else { throw ValidationError("--shipments must be 10…1,000,000") }
        if let rate, !(1...100_000).contains(rate) { throw ValidationError("--rate must be 1…100,000 milestones per second") }
        if let webhookRate, !(1...100_000).contains(webhookRate) { throw ValidationError("--webhook-rate must be 1…100,000 milestones per second") }
        guard (1...32).contains(subscribers) else { throw ValidationError("--subscribers must be 1…32") }
        if let pool, !(1...200).contains(pool) { throw ValidationError("--pool must be 1…200 (the service's range)") }
        guard (1...3600).contains(settleSeconds) else { throw ValidationError("--settle-seconds must be 1…3600") }
    }

    func run() async throws {
        // The service logs as in production (structured JSON), errors only, so standard error keeps the progress lines.
        StructuredLogHandler.bootstrap(level: .error)
        var logger = Logger(label: "wholesail-bench")
        logger.logLevel = .error
        let passed: Bool
        do {
            let environment = try BenchEnvironment(amqpURL: servers.amqpURL, databaseURL: servers.databaseURL, logger: logger)
            try await environment.checkServers()
            let settings = ShipmentsBenchmark.Settings(
                duration: .seconds(seconds), connections: concurrency, shipments: shipments, rate: rate, rateConnections: rateConnections,
                webhookRate: webhookRate, subscribers: subscribers, webhookPeak: !skipWebhookPeak, poolSize: pool,
                settleTimeout: .seconds(settleSeconds)
            )
            passed = try await ShipmentsBenchmark(environment: environment, settings: settings, databaseURL: servers.databaseURL, amqpURL: servers.amqpURL).run()
        } catch let error as BenchError {
            Console.error("wholesail-bench shipments: \(error)")
            throw ExitCode.failure
        }
        if !passed { throw ExitCode.failure }
    }
}
