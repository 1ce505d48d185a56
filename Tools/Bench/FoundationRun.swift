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

        let messaging = try await MessagingBenchmark(environment: environment, settings: settings).run()
        report.rows += messaging.rows

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
                figure: "outbox end to end, commit → broker confirm, \(settings.outboxWriters) writers",
                swift: outbox.orderEventsPerSecond, baseline: baseline, unit: "events/s",
                baselineSource: "pgbench \(Formatting.clients(baselineClients))"
            ))
        }
        report.rows.append(ComparisonRow(
            figure: "outbox relay draining a backlog of \(Formatting.grouped(settings.outboxEvents)) events",
            swift: outbox.drainEventsPerSecond, baseline: messaging.cPublishRate, unit: "events/s",
            baselineSource: "C publish loop", isTargeted: false
        ))
        report.relayLag = outbox.relayLag
        report.notes = notes(transactions: transactions, outbox: outbox, eventSize: eventSize)
        let cpu = messaging.cpuPerMessage.map { String(format: "%.1f", $0) }
        if cpu.count == 5 {
            report.notes.append(
                "CPU per message (whole process, user + system; steadier than rates on a shared machine): publish C \(cpu[0]) µs, "
                    + "Swift publish(_:) \(cpu[1]) µs, publish(batch:) \(cpu[2]) µs; consume C \(cpu[3]) µs, Swift \(cpu[4]) µs."
            )
        }
        let clientCPU = settings.transactionClients.compactMap { clients -> String? in
            guard let pgbench = transactions.pgbenchCPU[clients], let swift = transactions.swiftCPU[clients] else { return nil }
            return "\(Formatting.clients(clients)): pgbench \(Int(pgbench.rounded())) µs, Swift \(Int(swift.rounded())) µs"
        }
        report.notes.append("client CPU per order transaction (pgbench's process vs this one): " + clientCPU.joined(separator: "; ") + ".")
        report.notes.append("whole run: \(Int(Formatting.seconds(ContinuousClock.now - started).rounded())) s")
        return report
    }

    private var title: String {
        "wholesail-bench foundation — \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + "RabbitMQ \(environment.amqp.host):\(environment.amqp.port), PostgreSQL \(environment.database.host):\(environment.database.port)"
    }

    private func notes(transactions: TransactionBenchmark.Result, outbox: OutboxBenchmark.Result, eventSize: Int) -> [String] {
        var notes = [
            "publish/consume: \(Formatting.grouped(settings.messages)) messages of \(settings.messageSize) bytes per variant in \(settings.rounds) "
                + "alternating rounds, each on a fresh durable quorum queue; baseline = a C loop over rabbitmq-c doing the same work (Tools/BenchBaseline).",
            "order transaction: BEGIN; order + 3 lines + outbox row (\(eventSize)-byte JSON envelope) + pg_notify; COMMIT, "
                + "\(settings.transactionSeconds) s per side in \(settings.rounds) alternating rounds; baseline = pgbench -M extended running the same statements.",
        ]
        let baselineClients = settings.outboxBaselineClients
        var pipeline = "outbox end to end: \(Formatting.grouped(settings.orderEvents)) order transactions (one event each) committed while the "
            + "relay runs, timed from the first commit to the last broker confirm; the database's commit rate is the bottleneck, so the "
            + "baseline is what PostgreSQL commits of the same transactions without a relay (pgbench, \(Formatting.clients(baselineClients)))"
        if let swift = transactions.swiftRates[baselineClients], swift > 0 {
            pipeline += "; against the Swift transaction rate alone: \(Formatting.percent(outbox.orderEventsPerSecond / swift)) (the relay's share)"
        }
        notes.append(pipeline + ".")
        notes.append(
            "outbox relay drain: a backlog written with no relay running (as after a broker outage), then published by a fresh relay; "
                + "rate from its first confirmed batch to its last; beside it, for scale and without a target, the C loop publishing to a "
                + "quorum queue with confirms: the ceiling for any relay on this broker, doing less (no topic exchange, no rows read or "
                + "marked published in PostgreSQL, which shares the two cores)."
        )
        if let withoutNotify = transactions.pgbenchWithoutNotify, let withNotify = transactions.pgbenchRates[withoutNotify.clients] {
            notes.append(
                "the same transaction without pg_notify: pgbench \(withoutNotify.clients) clients \(Formatting.rate(withoutNotify.rate)) tx/s "
                    + "(with it: \(Formatting.rate(withNotify))); NOTIFY serialises commits under a database-wide lock."
            )
        }
        return notes
    }
}
