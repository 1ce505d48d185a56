import ArgumentParser
import Foundation
import Logging
import ServiceKit

/// `wholesail-bench orders`: intake orders/s and latency of `POST /v1/orders` at the HTTP edge, beside the
/// foundation's order-shaped pgbench figure measured in the same run.
///
/// Starts an ERP simulator and the orders service in this process (own schema, private exchange), runs pgbench's
/// order-shaped transaction, then intake closed loop (target: ≥ 60 % of pgbench's transactions/s — intake writes
/// more than that transaction and cannot beat the database), intake at a fixed rate, and then orders that the
/// benchmark confirms (playing pricing, inventory and finance) at a fixed rate with the ERP up and again with the ERP
/// down: an outage must not slow intake. Exits 1 when the target is missed.
struct OrdersBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "Intake orders/s and p50/p99 of POST /v1/orders against pgbench's order-shaped transaction, with the ERP up and down."
    )

    @OptionGroup var servers: BenchServerOptions

    @Option(help: "Seconds of each measured run (each pgbench run, the closed loop, each fixed-rate run).")
    var seconds = 10

    @Option(help: "Connections of the closed-loop run, and pgbench's clients.")
    var concurrency = 8

    @Option(help: "Offered orders per second of the fixed-rate intake run (default: 65 % of the closed loop's orders/s).")
    var rate: Int?

    @Option(help: "Offered orders per second of the two runs whose orders are confirmed and posted, ERP up and ERP down (default: 12 % of the closed loop's).")
    var outageRate: Int?

    @Option(help: "Rounds of the answered runs, alternating ERP up and ERP down, each --seconds long.")
    var outageRounds = 2

    @Option(help: "Connections of the fixed-rate runs.")
    var rateConnections = 32

    @Option(help: "Lines per order (the order-shaped pgbench transaction has 3).")
    var lines = 3

    @Option(help: "The service's database pool (WHOLESAIL_DATABASE_POOL_SIZE; default: the service's default).")
    var pool: Int?

    @Option(help: "Seconds to wait after a run for the relay, the confirmations and the ERP postings to catch up.")
    var settleSeconds = 120

    @Option(help: "The pgbench executable (default: from `pg_config --bindir`, /usr/lib/postgresql/15/bin, or PATH).")
    var pgbench: String?

    func validate() throws {
        guard seconds >= 1, concurrency >= 1, rateConnections >= 1, (1...100).contains(lines), settleSeconds >= 1, outageRounds >= 1 else {
            throw ValidationError("options out of range: --lines 1…100, everything else ≥ 1")
        }
        if let rate, rate < 1 { throw ValidationError("--rate must be at least 1 order per second") }
        if let outageRate, outageRate < 1 { throw ValidationError("--outage-rate must be at least 1 order per second") }
        if let pool, !(1...200).contains(pool) { throw ValidationError("--pool must be 1…200 (the service's range)") }
    }

    func run() async throws {
        // The service logs as it does in production (structured JSON), errors only: the ERP poster warns at every
        // posting the simulated outage refuses, which is the point of that run.
        StructuredLogHandler.bootstrap(level: .error)
        var logger = Logger(label: "wholesail-bench")
        logger.logLevel = .error
        let passed: Bool
        do {
            let environment = try BenchEnvironment(amqpURL: servers.amqpURL, databaseURL: servers.databaseURL, logger: logger)
            try await environment.checkServers()
            let settings = OrdersBenchmark.Settings(
                duration: .seconds(seconds), connections: concurrency, rate: rate, outageRate: outageRate, outageRounds: outageRounds,
                rateConnections: rateConnections,
                lines: lines, poolSize: pool, settleTimeout: .seconds(settleSeconds),
                pgbench: try await Pgbench.locate(explicit: pgbench)
            )
            passed = try await OrdersBenchmark(environment: environment, settings: settings, databaseURL: servers.databaseURL, amqpURL: servers.amqpURL).run()
        } catch let error as BenchError {
            Console.error("wholesail-bench orders: \(error)")
            throw ExitCode.failure
        }
        if !passed { throw ExitCode.failure }
    }
}
