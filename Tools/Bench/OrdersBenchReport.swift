import Foundation
import ServiceKit

/// The orders benchmark's table on standard output, and the verdict on the target.
struct OrdersBenchReport {
    /// What happened to the ERP postings of the run with the ERP down.
    struct ERPOutcome {
        /// Posting attempts the simulator refused with 503 while the outage was on.
        var refusedWhileDown: Int
        /// Confirmed orders of that run still waiting for the ERP when it came back.
        var pendingWhenRestored: Int
        var recovered: OrdersBenchProbe.Progress
        /// From the end of the outage until nothing of that run waited for the ERP.
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
    let pgbenchBefore: OrdersBenchmark.PgbenchRun
    let pgbenchAfter: OrdersBenchmark.PgbenchRun
    let peak: OrdersBenchmark.IntakeRun
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
                + "\(settings.lines)-line orders, database pool \(configuration.databasePoolSize)"
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
            Formatting.padded("POST /v1/orders", 40) + Formatting.padded("orders/s", 10, right: true) + Formatting.padded("p50", 10, right: true)
                + Formatting.padded("p99", 10, right: true) + Formatting.padded("p99.9", 10, right: true) + Formatting.padded("max", 10, right: true)
                + Formatting.padded("errors", 8, right: true) + Formatting.padded("late", 7, right: true)
                + Formatting.padded("CPU/order", 11, right: true) + Formatting.padded("PG CPU", 9, right: true)
                + Formatting.padded("relay p50/p99", 22, right: true)
        )
        Console.output(row("closed loop, \(settings.connections) connections", peak))
        Console.output(row("\(Formatting.grouped(rate))/s offered, ERP up", up))
        Console.output(row("\(Formatting.grouped(rate))/s offered, ERP DOWN", down))
        Console.output()
        Console.output(
            "intake closed loop vs pgbench: \(Formatting.rate(peak.result.requestsPerSecond)) / \(Formatting.rate(pgbench)) = \(Formatting.percent(share)) "
                + "(target ≥ \(Formatting.percent(OrdersBenchmark.target))) — \(passed ? "PASS" : "MISS")"
                + (peak.result.errors > 0 ? " (\(Formatting.grouped(peak.result.errors)) errors in the closed loop)" : "")
        )
        Console.output(outageLine)
        Console.output()
        for line in notes { Console.output("  " + line) }
    }

    private func row(_ name: String, _ run: OrdersBenchmark.IntakeRun) -> String {
        let result = run.result
        let latency = result.latency
        let late: String = if case .fixedRate = result.mode { Formatting.grouped(result.lateStarts) } else { "-" }
        let relay = run.relay.lagP50.map { Self.milliseconds($0) + "/" + Self.milliseconds(run.relay.lagP99 ?? $0) } ?? "-"
        return Formatting.padded(name, 40)
            + Formatting.padded(Formatting.rate(result.requestsPerSecond), 10, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.p50) } ?? "-", 10, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.p99) } ?? "-", 10, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.p999) } ?? "-", 10, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.maximum) } ?? "-", 10, right: true)
            + Formatting.padded(Formatting.grouped(result.errors), 8, right: true)
            + Formatting.padded(late, 7, right: true)
            + Formatting.padded(Self.microseconds(run.cpuPerOrder), 11, right: true)
            + Formatting.padded(Self.microseconds(run.databaseCPUPerOrder), 9, right: true)
            + Formatting.padded(relay + (run.relay.unpublished > 0 ? "!" : ""), 22, right: true)
    }

    /// p50 and p99 with the ERP down against up.
    private var outageLine: String {
        guard let upLatency = up.result.latency, let downLatency = down.result.latency else {
            return "intake with the ERP down vs up: no latency to compare (no order accepted)"
        }
        let p50 = Formatting.seconds(downLatency.p50) / max(Formatting.seconds(upLatency.p50), 1e-9)
        let p99 = Formatting.seconds(downLatency.p99) / max(Formatting.seconds(upLatency.p99), 1e-9)
        return "intake with the ERP down vs up at \(Formatting.grouped(rate))/s: p50 \(Self.milliseconds(downLatency.p50)) vs \(Self.milliseconds(upLatency.p50)) (×\(String(format: "%.2f", p50))), "
            + "p99 \(Self.milliseconds(downLatency.p99)) vs \(Self.milliseconds(upLatency.p99)) (×\(String(format: "%.2f", p99))), "
            + "\(Formatting.rate(down.result.requestsPerSecond)) vs \(Formatting.rate(up.result.requestsPerSecond)) orders/s"
    }

    private var notes: [String] {
        var notes = [
            "Latency is at the HTTP edge: request sent → 202 read. Closed loop: every connection sends its next order when the answer is in.",
            "Fixed rate (open loop, \(settings.rateConnections) connections): order i is due at t0 + i/rate and its latency counts from then, so a stall",
            "shows in every order queued behind it; late = sent > 1 ms after its due time. Rate: " + (settings.rate == nil
                ? "\(Formatting.percent(OrdersBenchmark.rateShare(answeringSteps: settings.answerSteps))) of the closed loop's orders/s"
                    + (settings.answerSteps ? " (the whole pipeline runs; --rate to choose)." : " (--rate to choose).")
                : "--rate."),
            "Every order has its own Idempotency-Key and channelOrderReference (a new order each, never a replay); \(settings.duration) per run after a 1 s warm-up.",
            "CPU/order: this whole process (service, load generator, step answerer) per order sent, warm-up included; PG CPU: the service's",
            "PostgreSQL backends (pool and relay) per order, from /proc (10 ms ticks) — beside pgbench's backends per transaction above"
                + (peak.relayDatabaseCPUPerOrder.map { "; the relay's backend alone: \(Self.microseconds($0)) of the closed loop's." } ?? "."),
            "The outbox relay publishes during every run: relay p50/p99 = outbox row created → broker confirm for orders.order.received.v1 "
                + "(\(Formatting.grouped(peak.relay.written + up.relay.written + down.relay.written)) events"
                + (unpublished > 0 ? ", \(Formatting.grouped(unpublished)) still unpublished after \(settings.settleTimeout) (!)" : ", all published") + ").",
        ]
        if settings.answerSteps {
            notes.append(
                "Fixed-rate orders are answered by the benchmark playing pricing, inventory and finance (priced, reserved, credit approved), so the"
            )
            notes.append("process manager confirms them and the ERP poster posts them — the work an ERP outage could disturb. The closed loop is intake alone.")
            if let progress = up.progress {
                notes.append(
                    "ERP up: \(Formatting.grouped(progress.orders)) orders, \(Formatting.grouped(progress.confirmed)) confirmed, "
                        + "\(Formatting.grouped(progress.erpPosted)) posted to the ERP by the end of the settle wait."
                )
            }
            if let progress = down.progress {
                notes.append(
                    "ERP down: \(Formatting.grouped(progress.orders)) orders, \(Formatting.grouped(progress.confirmed)) confirmed while the ERP was down, "
                        + "\(Formatting.grouped(erp.pendingWhenRestored)) waiting for it when it returned (\(Formatting.grouped(erp.refusedWhileDown)) posting attempts refused with 503); "
                )
                notes.append(
                    "  \(Formatting.grouped(erp.recovered.erpPosted)) posted \(String(format: "%.1f", Formatting.seconds(erp.recoveryTime))) s after it returned"
                        + (erp.recovered.erpPending > 0 ? ", \(Formatting.grouped(erp.recovered.erpPending)) still waiting (!)" : "")
                        + "; the simulator holds \(Formatting.grouped(erp.documents)) sales orders, \(erp.duplicates) duplicate deliveries, "
                        + "\(erp.outOfOrder) out of confirmation order."
                )
            }
            if answererFailures.count > 0 {
                notes.append("step answerer: \(answererFailures.count) orders not answered (\(answererFailures.first ?? "?")).")
            }
        } else {
            notes.append("--no-answer-steps: nothing answers the orders, so none is confirmed and the ERP poster stays idle; the outage row shows intake alone.")
        }
        return notes
    }

    private var unpublished: Int { peak.relay.unpublished + up.relay.unpublished + down.relay.unpublished }

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
