import Foundation
import ServiceKit

/// The orders benchmark's table on standard output, and the verdict on the target.
struct OrdersBenchReport {
    /// What happened to the ERP postings of the run with the ERP down.
    struct ERPOutcome {
        /// Posting attempts the simulator refused with 503 while the outage was on.
        var refusedWhileDown: Int
        /// Orders of the ERP-down rounds confirmed before the ERP came back, and those of them still waiting for it then.
        var confirmedWhileDown: Int
        var pendingWhenRestored: Int
        /// The ERP-down rounds' orders at the end.
        var recovered: OrdersBenchProbe.Progress
        /// From the end of an outage until nothing of its round waited for the ERP (the longest of the rounds).
        var recoveryTime: Duration
        /// Sales orders the simulator recorded in the whole benchmark, repeats of a key it had seen, and postings it
        /// received out of confirmation order.
        var documents: Int
        var duplicates: Int
        var outOfOrder: Int
    }

    let settings: OrdersBenchmark.Settings
    let configuration: ServiceConfiguration
    let rate: Int
    let outageRate: Int
    let pgbenchBefore: OrdersBenchmark.PgbenchRun
    let pgbenchAfter: OrdersBenchmark.PgbenchRun
    let peak: OrdersBenchmark.IntakeRun
    let fixed: OrdersBenchmark.IntakeRun
    let up: OrdersBenchmark.IntakeRun
    let down: OrdersBenchmark.IntakeRun
    let erp: ERPOutcome
    let answererFailures: (count: Int, first: String?)

    /// The order-shaped transaction's rate: the mean of the runs before and after the closed loop.
    var pgbench: Double { (pgbenchBefore.transactionsPerSecond + pgbenchAfter.transactionsPerSecond) / 2 }

    /// Closed-loop intake orders/s over pgbench's transactions/s.
    var share: Double { pgbench > 0 ? peak.result.requestsPerSecond / pgbench : 0 }

    /// The target met, and the closed loop answered every order with 202.
    var passed: Bool { share >= OrdersBenchmark.target && peak.result.errors == 0 }

    func print() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        Console.output()
        Console.output(
            "wholesail-bench orders — \(cores) cores shared by PostgreSQL, RabbitMQ, the service and the load generator; "
                + "\(settings.lines)-line orders, database pool \(configuration.databasePoolSize); load average \(InventoryBenchmark.loadAverage())"
        )
        Console.output()
        Console.output(
            "order-shaped pgbench (BEGIN; order + 3 lines + outbox row + pg_notify; COMMIT), \(Formatting.clients(settings.connections)), "
                + "same run: \(Formatting.rate(pgbenchBefore.transactionsPerSecond)) tx/s before the closed loop, "
                + "\(Formatting.rate(pgbenchAfter.transactionsPerSecond)) after — \(Formatting.rate(pgbench)) tx/s"
        )
        Console.output(
            "  CPU per transaction: pgbench \(Self.microseconds(Self.mean(pgbenchBefore.clientCPU, pgbenchAfter.clientCPU))), "
                + "its PostgreSQL backends \(Self.microseconds(Self.mean(pgbenchBefore.databaseCPU, pgbenchAfter.databaseCPU)))"
        )
        Console.output()
        Console.output(
            Formatting.padded("POST /v1/orders", 44) + Formatting.padded("orders/s", 9, right: true) + Formatting.padded("p50", 10, right: true)
                + Formatting.padded("p99", 10, right: true) + Formatting.padded("p99.9", 10, right: true) + Formatting.padded("max", 10, right: true)
                + Formatting.padded("errors", 7, right: true) + Formatting.padded("late", 6, right: true)
                + Formatting.padded("CPU/order", 11, right: true) + Formatting.padded("PG CPU", 10, right: true)
                + Formatting.padded("relay p50/p99", 22, right: true)
        )
        Console.output(row("closed loop, \(settings.connections) connections", peak))
        Console.output(row("\(Formatting.grouped(rate))/s offered", fixed))
        Console.output(row("\(Formatting.grouped(outageRate))/s offered, orders answered, ERP up", up))
        Console.output(row("\(Formatting.grouped(outageRate))/s offered, orders answered, ERP DOWN", down))
        Console.output("  (answered rows: \(settings.outageRounds) rounds of \(settings.duration) each, alternating up, down, up, …, merged per row)")
        Console.output()
        Console.output(
            "intake closed loop vs pgbench: \(Formatting.rate(peak.result.requestsPerSecond)) / \(Formatting.rate(pgbench)) = \(Formatting.percent(share)) "
                + "(target ≥ \(Formatting.percent(OrdersBenchmark.target))) — \(passed ? "PASS" : "MISS")"
                + (peak.result.errors > 0 ? " (\(Formatting.grouped(peak.result.errors)) errors in the closed loop)" : "")
        )
        if let cpuLine { Console.output(cpuLine) }
        Console.output(outageLine)
        Console.output()
        for line in notes { Console.output("  " + line) }
    }

    private func row(_ name: String, _ run: OrdersBenchmark.IntakeRun) -> String {
        let result = run.result
        let latency = result.latency
        let late: String = if case .fixedRate = result.mode { Formatting.grouped(result.lateStarts) } else { "-" }
        let relay = run.relay.lagP50.map { Self.milliseconds($0) + "/" + Self.milliseconds(run.relay.lagP99 ?? $0) } ?? "-"
        return Formatting.padded(name, 44)
            + Formatting.padded(Formatting.rate(result.requestsPerSecond), 9, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.p50) } ?? "-", 10, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.p99) } ?? "-", 10, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.p999) } ?? "-", 10, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.maximum) } ?? "-", 10, right: true)
            + Formatting.padded(Formatting.grouped(result.errors), 7, right: true)
            + Formatting.padded(late, 6, right: true)
            + Formatting.padded(Self.microseconds(run.cpuPerOrder), 11, right: true)
            + Formatting.padded(Self.microseconds(run.databaseCPUPerOrder), 10, right: true)
            + Formatting.padded(relay + (run.relay.unpublished > 0 ? "!" : ""), 22, right: true)
    }

    /// The same comparison by CPU time per order (steadier than rates on a shared machine): what pgbench and its
    /// backends spend on one transaction over what this process and the service's backends spend on one order.
    private var cpuLine: String? {
        guard let client = Self.mean(pgbenchBefore.clientCPU, pgbenchAfter.clientCPU),
            let database = Self.mean(pgbenchBefore.databaseCPU, pgbenchAfter.databaseCPU),
            let process = peak.cpuPerOrder, let service = peak.databaseCPUPerOrder
        else { return nil }
        let baseline = client + database
        let intake = process + service
        let ratio = Formatting.seconds(baseline) / max(Formatting.seconds(intake), 1e-9)
        return "by CPU time (steadier on a shared machine): a pgbench transaction costs \(Self.microseconds(baseline)) (pgbench + backends), "
            + "an order \(Self.microseconds(intake)) (this process + the service's backends) — \(Formatting.percent(ratio)) of the orders per CPU-second"
    }

    /// p50 and p99 with the ERP down against up.
    private var outageLine: String {
        guard let upLatency = up.result.latency, let downLatency = down.result.latency else {
            return "intake with the ERP down vs up: no latency to compare (no order accepted)"
        }
        let p50 = Formatting.seconds(downLatency.p50) / max(Formatting.seconds(upLatency.p50), 1e-9)
        let p99 = Formatting.seconds(downLatency.p99) / max(Formatting.seconds(upLatency.p99), 1e-9)
        return "intake with the ERP down vs up at \(Formatting.grouped(outageRate))/s: "
            + "p50 \(Self.milliseconds(downLatency.p50)) vs \(Self.milliseconds(upLatency.p50)) (×\(String(format: "%.2f", p50))), "
            + "p99 \(Self.milliseconds(downLatency.p99)) vs \(Self.milliseconds(upLatency.p99)) (×\(String(format: "%.2f", p99))), "
            + "\(Formatting.rate(down.result.requestsPerSecond)) vs \(Formatting.rate(up.result.requestsPerSecond)) orders/s, "
            + "\(Formatting.grouped(down.result.errors)) vs \(Formatting.grouped(up.result.errors)) errors"
    }

    private var notes: [String] {
        var notes = [
            "Latency at the HTTP edge: request sent → 202 read. Closed loop: each connection sends its next order when the answer is in.",
            "Fixed rate (open loop, \(settings.rateConnections) connections): order i is due at t0 + i/rate and its latency counts from then, so a stall",
            "shows in every order queued behind it; late = sent > 1 ms after its due time. Every order has its own Idempotency-Key and",
            "channelOrderReference (a new order each, never a replay); \(settings.duration) per run after a 1 s warm-up.",
            "Rates: " + (settings.rate == nil ? "\(Formatting.percent(OrdersBenchmark.rateShare)) of the closed loop (--rate)" : "--rate")
                + "; answered runs " + (settings.outageRate == nil ? "\(Formatting.percent(OrdersBenchmark.outageRateShare)) of it (--outage-rate)" : "--outage-rate")
                + ", where each order also costs three handled events, a confirmation and an ERP posting.",
            "Answered runs: the benchmark plays pricing, inventory and finance (priced, reserved, credit approved for every order), so the",
            "process manager confirms each order and the ERP poster posts it — the work an ERP outage could disturb. The first two runs are intake alone.",
            "CPU/order: this whole process (service, load generator, step answerer) per order sent, warm-up included; PG CPU: the service's",
            "PostgreSQL backends (pool and relay) per order, from /proc (10 ms ticks), beside pgbench's backends per transaction above"
                + (peak.relayDatabaseCPUPerOrder.map { "; the relay's backend alone: \(Self.microseconds($0)) of the closed loop's." } ?? "."),
            "The outbox relay publishes during every run: relay p50/p99 = outbox row created → broker confirm, orders.order.received.v1 "
                + "(\(Formatting.grouped(written)) events" + (unpublished > 0 ? ", \(Formatting.grouped(unpublished)) still unpublished after \(settings.settleTimeout) (!)" : ", all published") + ").",
        ]
        if let progress = up.progress {
            notes.append(
                "ERP up: \(Formatting.grouped(progress.orders)) orders, \(Formatting.grouped(progress.confirmed)) confirmed, "
                    + "\(Formatting.grouped(progress.erpPosted)) posted to the ERP by the end of the settle wait."
            )
        }
        if let progress = down.progress {
            notes.append(
                "ERP down: \(Formatting.grouped(progress.orders)) orders, \(Formatting.grouped(erp.confirmedWhileDown)) confirmed while it was down, "
                    + "\(Formatting.grouped(erp.pendingWhenRestored)) waiting for it when it returned (\(Formatting.grouped(erp.refusedWhileDown)) postings refused with 503);"
            )
            notes.append(
                "  \(Formatting.grouped(progress.erpPosted)) posted within \(String(format: "%.1f", Formatting.seconds(erp.recoveryTime))) s after it returned"
                    + (progress.erpPending > 0 ? ", \(Formatting.grouped(progress.erpPending)) still waiting (!)" : "")
                    + " (retry back-off and breaker); the simulator holds \(Formatting.grouped(erp.documents)) sales orders, \(erp.duplicates) duplicate deliveries, "
                    + "\(erp.outOfOrder) out of confirmation order."
            )
        }
        if answererFailures.count > 0 {
            notes.append("step answerer: \(answererFailures.count) orders not answered (\(answererFailures.first ?? "?")).")
        }
        return notes
    }

    private var runs: [OrdersBenchmark.IntakeRun] { [peak, fixed, up, down] }
    private var written: Int { runs.reduce(0) { $0 + $1.relay.written } }
    private var unpublished: Int { runs.reduce(0) { $0 + $1.relay.unpublished } }

    /// Microseconds, or `-` when not measured.
    static func microseconds(_ duration: Duration?) -> String {
        duration.map { String(format: "%.0f µs", Formatting.seconds($0) * 1_000_000) } ?? "-"
    }

    private static func mean(_ first: Duration?, _ second: Duration?) -> Duration? {
        switch (first, second) {
        case let (first?, second?): (first + second) / 2
        case let (first?, nil): first
        case let (nil, second?): second
        case (nil, nil): nil
        }
    }

    private static func milliseconds(_ duration: Duration) -> String {
        milliseconds(Formatting.seconds(duration))
    }

    private static func milliseconds(_ seconds: Double) -> String {
        String(format: "%.2f ms", seconds * 1000)
    }
}
