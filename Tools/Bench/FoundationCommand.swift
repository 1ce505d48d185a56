import ArgumentParser
import Foundation
import Logging

/// `wholesail-bench foundation`: the foundation issue's figures in one run (80–100 s with the defaults).
///
/// Every Swift figure stands beside a baseline that did the same work on the same servers in the same
/// run: C loops over rabbitmq-c for messaging, `pgbench` for transactions. Target: each Swift figure at
/// least 80 % of its baseline, and relay lag p99 under 50 ms at a steady 1,000 events/s.
struct FoundationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "foundation",
        abstract: "Messaging, persistence and outbox throughput against C/pgbench baselines, and outbox relay lag."
    )

    @OptionGroup var servers: BenchServerOptions

    @Option(help: "Alternating baseline/Swift rounds each messaging and transaction figure is split into.")
    var rounds = 2

    @Option(help: "Messages per publish and per consume measurement (split across rounds).")
    var messages = 20_000

    @Option(help: "Message body size in bytes.")
    var messageSize = 1024

    @Option(help: "Unconfirmed publishes in flight (C window; Swift concurrent publishers and batch size).")
    var window = 500

    @Option(help: "Consumer prefetch (basic.qos).")
    var prefetch = 200

    @Option(parsing: .upToNextOption, help: "Concurrent clients of the order-transaction runs, one run each.")
    var clients: [Int] = [1, 8]

    @Option(help: "Seconds per order-transaction figure (pgbench and Swift each, split across rounds).")
    var transactionSeconds = 10

    @Option(help: "Events in the backlog the relay-drain measurement publishes.")
    var outboxEvents = 20_000

    @Option(help: "Events per transaction when writing the relay-drain backlog.")
    var eventsPerTransaction = 50

    @Option(help: "Order transactions (one event each) for the outbox order-pipeline measurement.")
    var orderEvents = 4000

    @Option(help: "Concurrent writers in the outbox measurements.")
    var writers = 8

    @Option(help: "Events per second of the paced relay-lag measurement.")
    var lagRate = 1000

    @Option(help: "Seconds of the paced relay-lag measurement.")
    var lagSeconds = 10

    @Option(help: "Milliseconds between the paced writer's commits (each carries lag-rate × tick events).")
    var lagTickMilliseconds = 10

    @Option(help: "The pgbench executable (default: from `pg_config --bindir`, /usr/lib/postgresql/15/bin, or PATH).")
    var pgbench: String?

    @Option(help: "Log level of the layers under test (trace, debug, info, notice, warning, error, critical).")
    var logLevel: String = "error"

    func validate() throws {
        guard rounds > 0, messages >= rounds, messageSize > 0, window > 0, prefetch > 0, prefetch <= Int(UInt16.max) else {
            throw ValidationError("--rounds, --messages, --message-size, --window and --prefetch must be positive (messages ≥ rounds, prefetch ≤ 65535)")
        }
        guard !clients.isEmpty, clients.allSatisfy({ $0 > 0 }), transactionSeconds > 0 else {
            throw ValidationError("--clients needs at least one positive count and --transaction-seconds must be positive")
        }
        guard outboxEvents > 0, eventsPerTransaction > 0, orderEvents > 0, writers > 0,
            lagRate > 0, lagSeconds > 0, lagTickMilliseconds > 0
        else {
            throw ValidationError(
                "--outbox-events, --events-per-transaction, --order-events, --writers, --lag-rate, --lag-seconds and --lag-tick-milliseconds must be positive"
            )
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .error
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let settings = FoundationSettings(
            rounds: rounds, messages: messages, messageSize: messageSize, publishWindow: window, prefetch: prefetch,
            transactionClients: clients, transactionSeconds: transactionSeconds,
            outboxEvents: outboxEvents, eventsPerTransaction: eventsPerTransaction, orderEvents: orderEvents,
            outboxWriters: writers, lagRate: lagRate, lagSeconds: lagSeconds, lagTick: .milliseconds(lagTickMilliseconds)
        )
        do {
            let environment = try BenchEnvironment(amqpURL: servers.amqpURL, databaseURL: servers.databaseURL, logger: Logger(label: "wholesail.bench"))
            try await environment.checkServers()
            let pgbench = try await Pgbench.locate(explicit: pgbench)
            let report = try await FoundationRun(environment: environment, settings: settings, pgbench: pgbench).run()
            report.print()
        } catch let error as BenchError {
            Console.error("wholesail-bench: \(error)")
            throw ExitCode.failure
        }
    }
}
