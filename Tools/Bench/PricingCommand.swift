import ArgumentParser
import Foundation
import Logging
import ServiceKit

/// `wholesail-bench pricing`: quote throughput and latency of the pricing service, beside a Hummingbird route
/// that returns a constant body, in the same process and run.
///
/// Loads 10,000 SKUs (with tiers), 1,000 customer agreements and a few promotions into a fresh schema, starts the
/// pricing service in this process, then offers 5-line quotes at a fixed rate (open loop: latency counts from
/// each request's intended start, so a stall is not hidden) and at peak (closed loop). Targets: p99 < 2 ms at
/// 2,000 quotes/s, and peak quotes/s ≥ 50 % of the constant route's.
struct PricingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "Quotes/s and p50/p99/p99.9 latency of POST /v1/quotes against a constant Hummingbird route."
    )

    @OptionGroup var servers: BenchServerOptions

    @Option(help: "SKUs on the price list.")
    var skus = 10_000

    @Option(help: "Customer agreements (one customer each, 20 SKUs with breaks).")
    var agreements = 1_000

    @Option(help: "Lines per quote.")
    var lines = 5

    @Option(help: "Offered quotes per second of the fixed-rate run.")
    var rate = 2_000

    @Option(help: "Seconds of each fixed-rate run.")
    var seconds = 10

    @Option(help: "Seconds of each peak run.")
    var peakSeconds = 10

    @Option(help: "Connections of the fixed-rate runs.")
    var connections = 32

    @Option(help: "Connections of the peak runs.")
    var peakConnections = 8

    func validate() throws {
        guard skus >= 100, agreements >= 0, lines >= 1, lines <= 100, rate >= 1, seconds >= 1, peakSeconds >= 1,
            connections >= 1, peakConnections >= 1
        else {
            throw ValidationError("options out of range: --skus ≥ 100, --lines 1…100, everything else ≥ 1")
        }
    }

    func run() async throws {
        // The service logs as it does in production: structured JSON, warnings and above.
        StructuredLogHandler.bootstrap(level: .warning)
        var logger = Logger(label: "wholesail-bench")
        logger.logLevel = .warning
        do {
            let settings = PricingBenchmark.Settings(
                skus: skus, agreements: agreements, lines: lines, rate: rate, duration: .seconds(seconds),
                peakDuration: .seconds(peakSeconds), connections: connections, peakConnections: peakConnections
            )
            let environment = try BenchEnvironment(amqpURL: servers.amqpURL, databaseURL: servers.databaseURL, logger: logger)
            try await environment.checkServers()
            try await PricingBenchmark(environment: environment, settings: settings, databaseURL: servers.databaseURL, amqpURL: servers.amqpURL).run()
        } catch let error as BenchError {
            Console.error("wholesail-bench pricing: \(error)")
            throw ExitCode.failure
        }
    }
}
