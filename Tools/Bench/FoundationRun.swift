import Foundation

/// One `foundation` run: every measurement in turn, then the report. Everything it creates (queues,
/// exchange, schema) is removed afterwards, also when a measurement fails.
struct FoundationRun: Sendable {
    let environment: BenchEnvironment
    let settings: FoundationSettings
    let pgbench: Pgbench

    func run() async throws -> BenchReport {
        let started = ContinuousClock.now
        Console.error("wholesail-bench foundation: run \(environment.runID), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        var report = BenchReport(title: title)

        report.rows += try await MessagingBenchmark(environment: environment, settings: settings).run()

        let maximumConnections = max(settings.transactionClients.max() ?? 1, settings.outboxWriters) + 2
        let schema = try await BenchSchema.create(environment: environment, maximumConnections: maximumConnections)
        let outcome = await Outcome.of { () -> (TransactionBenchmark.Result, OutboxBenchmark.Result, Int) in
            let transaction = try OrderTransaction(schema: schema.name)
            let transactions = try await TransactionBenchmark(
                environment: environment, settings: settings, schema: schema, transaction: transaction, pgbench: pgbench
            ).run()
            let outbox = try await OutboxBenchmark(
                environment: environment, settings: settings, schema: schema, transaction: transaction
            ).run()
            return (transactions, outbox, try transaction.sampleEventSize())
        }
        await schema.drop()
        let (transactions, outbox, eventSize) = try outcome.get()

        report.rows += transactions.rows
        let baselineClients = settings.outboxBaselineClients
        if let baseline = transactions.pgbenchRates[baselineClients] {
            report.rows.append(ComparisonRow(
                figure: "outbox end to end (commit → broker confirm), \(settings.outboxWriters) writers",
                swift: outbox.eventsPerSecond, baseline: baseline, unit: "events/s",
                baselineSource: "pgbench \(baselineClients) clients"
            ))
        }
        report.relayLag = outbox.relayLag
        report.notes = notes(transactions: transactions, outbox: outbox, eventSize: eventSize)
        report.notes.append("whole run: \(Int(Formatting.seconds(ContinuousClock.now - started).rounded())) s")
        return report
    }

    private var title: String {
        "wholesail-bench foundation — \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + "RabbitMQ \(environment.amqp.host):\(environment.amqp.port), PostgreSQL \(environment.database.host):\(environment.database.port)"
    }

    private func notes(transactions: TransactionBenchmark.Result, outbox: OutboxBenchmark.Result, eventSize: Int) -> [String] {
        var notes = [
            "publish/consume: \(Formatting.grouped(settings.messages)) messages of \(settings.messageSize) bytes per run, each run on a fresh durable quorum queue; "
                + "baseline = a C loop over rabbitmq-c doing the same (Tools/BenchBaseline).",
            "order transaction: BEGIN; order + 3 lines + outbox row (\(eventSize)-byte jsonb envelope) + pg_notify; COMMIT, "
                + "\(settings.transactionSeconds) s per run; baseline = pgbench -M extended running the same statements.",
        ]
        let baselineClients = settings.outboxBaselineClients
        if let swift = transactions.swiftRates[baselineClients], swift > 0 {
            notes.append(
                "outbox end to end: the same order transactions with the relay running; baseline = what PostgreSQL commits of them "
                    + "without a relay (pgbench, \(baselineClients) clients). Share of the Swift transaction rate alone: "
                    + "\(Formatting.percent(outbox.eventsPerSecond / swift)) (relay cost); the rest is the Persistence layer."
            )
        }
        return notes
    }
}
