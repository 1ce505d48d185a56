import ArgumentParser
import Foundation
import Logging
import ServiceKit

/// `wholesail-bench inventory`: reservations/s and their latency for orders spread over many SKUs and for one
/// hot SKU every order hits, and available-to-promise queries/s, against the inventory service in this process.
///
/// Loads 10,000 SKUs stocked in 3 warehouses into a fresh schema, starts the inventory service on a private
/// exchange, publishes `orders.order.received.v1` and watches `inventory.reservation.confirmed.v1` / `.failed.v1`
/// come back. Each reservation scenario runs twice: a burst (every order published at once: throughput, and
/// latency that includes the wait in the queue) and a fixed rate below that throughput (latency without a backlog).
/// The issue gives no targets for these figures; they are printed only.
struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Reservations/s and latency (spread SKUs, one hot SKU) and availability queries/s of the inventory service."
    )

    @OptionGroup var servers: BenchServerOptions

    @Option(help: "SKUs in the catalogue, each stocked in every warehouse.")
    var skus = 10_000

    @Option(help: "Units of each SKU on hand in each warehouse (generous: spread orders never run short).")
    var stock = 10_000

    @Option(help: "Orders of each burst run (spread and hot SKU).")
    var orders = 5_000

    @Option(help: "Orders per second of the fixed-rate runs (default: half the burst's reservations/s of the same scenario).")
    var rate: Int?

    @Option(help: "Seconds of each fixed-rate reservation run; 0 skips them.")
    var pacedSeconds = 10

    @Option(help: "Orders per publish(batch:) call in a burst.")
    var batch = 100

    @Option(help: "Handlers the service runs at once (WHOLESAIL_CONSUMER_CONCURRENCY; default: the service's default).")
    var concurrency: Int?

    @Option(help: "Unacknowledged messages the broker sends the service ahead (WHOLESAIL_CONSUMER_PREFETCH; default: the service's default).")
    var prefetch: Int?

    @Option(help: "Seconds to wait for every order of a run to be decided.")
    var timeout = 600

    @Option(help: "Seconds of each availability run (closed loop and open loop), after a 1 s warm-up.")
    var availabilitySeconds = 10

    @Option(help: "Connections of the closed-loop availability run.")
    var availabilityConnections = 8

    @Option(help: "Offered availability queries per second of the open-loop run; 0 skips it.")
    var availabilityRate = 1_000

    @Option(help: "Connections of the open-loop availability run.")
    var availabilityRateConnections = 32

    func validate() throws {
        guard skus >= 100, skus <= 1_000_000, stock >= 100, orders >= 10, batch >= 1, pacedSeconds >= 0, timeout >= 1,
            availabilitySeconds >= 1, availabilityConnections >= 1, availabilityRate >= 0, availabilityRateConnections >= 1
        else {
            throw ValidationError(
                "options out of range: --skus 100…1,000,000, --stock ≥ 100, --orders ≥ 10, --paced-seconds and --availability-rate ≥ 0, everything else ≥ 1"
            )
        }
        if let rate, rate < 1 { throw ValidationError("--rate must be at least 1 order per second") }
        if let concurrency, !(1...256).contains(concurrency) { throw ValidationError("--concurrency must be 1…256 (the service's range)") }
        if let prefetch, !(1...65535).contains(prefetch) { throw ValidationError("--prefetch must be 1…65535") }
    }

    func run() async throws {
        // The service logs as it does in production: structured JSON, warnings and above.
        StructuredLogHandler.bootstrap(level: .warning)
        var logger = Logger(label: "wholesail-bench")
        logger.logLevel = .warning
        do {
            let settings = InventoryBenchmark.Settings(
                skus: skus, stock: stock, orders: orders, rate: rate, pacedDuration: .seconds(pacedSeconds), batch: batch,
                concurrency: concurrency, prefetch: prefetch, timeout: .seconds(timeout),
                availabilityDuration: .seconds(availabilitySeconds), availabilityConnections: availabilityConnections,
                availabilityRate: availabilityRate, availabilityRateConnections: availabilityRateConnections
            )
            let environment = try BenchEnvironment(amqpURL: servers.amqpURL, databaseURL: servers.databaseURL, logger: logger)
            try await environment.checkServers()
            try await InventoryBenchmark(environment: environment, settings: settings, databaseURL: servers.databaseURL, amqpURL: servers.amqpURL).run()
        } catch let error as BenchError {
            Console.error("wholesail-bench inventory: \(error)")
            throw ExitCode.failure
        }
    }
}
