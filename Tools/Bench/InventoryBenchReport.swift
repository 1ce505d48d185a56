import Foundation
import ServiceKit

/// The inventory benchmark's table on standard output.
struct InventoryBenchReport {
    /// An availability load run with the CPU it cost.
    struct AvailabilityRun {
        var result: HTTPLoadResult
        /// This process (service and load generator) per query answered.
        var cpuPerQuery: Duration
        /// The service's PostgreSQL backends per query answered.
        var databaseCPUPerQuery: Duration?
    }

    let settings: InventoryBenchmark.Settings
    let configuration: ServiceConfiguration
    let reservations: [InventoryReservationResult]
    let checks: [InventoryHotCheck]
    let availabilityPeak: AvailabilityRun
    let availabilityFixed: AvailabilityRun?
    let availabilityBytes: Int
    let strays: Int
    let loadBefore: String
    let loadAfter: String

    func print() {
        Console.output()
        Console.output(
            "wholesail-bench inventory — \(Formatting.grouped(settings.skus)) SKUs × \(InventoryBenchCatalogue.warehouses.count) warehouses (\(Formatting.grouped(settings.stock)) units each), "
                + "consumer concurrency \(configuration.consumerConcurrency), prefetch \(configuration.consumerPrefetch), database pool \(configuration.databasePoolSize)"
        )
        Console.output(
            "\(ProcessInfo.processInfo.activeProcessorCount) cores shared by PostgreSQL, RabbitMQ, the service and the load generator; "
                + "load average before \(loadBefore), after \(loadAfter)"
        )
        Console.output()
        Console.output("Reservations (orders.order.received.v1 → inventory.reservation.confirmed/failed.v1); latency = publish → decision event's occurredAt")
        Console.output(
            Formatting.padded("run", 26) + Formatting.padded("orders", 8, right: true) + Formatting.padded("confirmed", 11, right: true)
                + Formatting.padded("failed", 8, right: true) + Formatting.padded("orders/s", 10, right: true) + Formatting.padded("p50", 11, right: true)
                + Formatting.padded("p99", 11, right: true) + Formatting.padded("max", 11, right: true) + Formatting.padded("CPU/order", 11, right: true)
                + Formatting.padded("PG CPU/order", 14, right: true)
        )
        for result in reservations {
            Console.output(
                Formatting.padded(result.label, 26) + Formatting.padded(Formatting.grouped(result.orders), 8, right: true)
                    + Formatting.padded(Formatting.grouped(result.confirmed), 11, right: true) + Formatting.padded(Formatting.grouped(result.failed), 8, right: true)
                    + Formatting.padded(Formatting.rate(result.ordersPerSecond), 10, right: true)
                    + Formatting.padded(result.toDecision.map { Self.milliseconds($0.p50) } ?? "-", 11, right: true)
                    + Formatting.padded(result.toDecision.map { Self.milliseconds($0.p99) } ?? "-", 11, right: true)
                    + Formatting.padded(result.toDecision.map { Self.milliseconds($0.maximum) } ?? "-", 11, right: true)
                    + Formatting.padded(Self.microseconds(result.cpuPerOrder), 11, right: true)
                    + Formatting.padded(result.databaseCPUPerOrder.map(Self.microseconds) ?? "-", 14, right: true)
            )
        }
        Console.output("  orders/s = orders decided / (first publish → last decision event received here). A burst's latency is mostly the wait in the queue;")
        Console.output("  the fixed-rate runs (half the burst's rate unless --rate) show latency without a backlog. CPU/order: this whole process")
        Console.output("  (service, publisher, observer); PG CPU/order: the PostgreSQL backends of the service's pool and relay (/proc, 10 ms ticks).")
        Console.output()
        Console.output("Where the time goes, p50 / p99 (ms)")
        Console.output(
            Formatting.padded("run", 26) + Formatting.padded("publish→tx start", 19, right: true) + Formatting.padded("tx start→written", 19, right: true)
                + Formatting.padded("written→received", 19, right: true) + Formatting.padded("tx start→received", 19, right: true)
                + Formatting.padded("publish→received", 19, right: true)
        )
        for result in reservations {
            Console.output(
                Formatting.padded(result.label, 26) + Formatting.padded(Self.pair(result.toTransactionStart), 19, right: true)
                    + Formatting.padded(Self.pair(result.handler), 19, right: true) + Formatting.padded(Self.pair(result.writtenToObserved), 19, right: true)
                    + Formatting.padded(Self.pair(result.transactionToObserved), 19, right: true) + Formatting.padded(Self.pair(result.endToEnd), 19, right: true)
            )
        }
        Console.output("  publish→tx start: broker, inbox queue and the wait in the consumer's lane, up to the handler transaction's now() (reservations.created_at).")
        Console.output("  tx start→written: handler transaction start → its decision event written to the outbox (outbox.created_at, the last statement before")
        Console.output("  COMMIT; the COMMIT itself is not in it: track_commit_timestamp is off). written→received: COMMIT + outbox relay + broker + this process's")
        Console.output("  consumer. tx start→received is therefore an upper bound on handler start → commit; the commit lies between 'written' and 'received'.")
        for result in reservations {
            if let lag = result.publisherLag, lag.p99 > .milliseconds(5) {
                Console.output("  note: \(result.label): the publisher ran late by up to \(Self.milliseconds(lag.maximum)) (p99 \(Self.milliseconds(lag.p99))); latency counts from the actual publish.")
            }
            if result.duplicates > 0 {
                Console.output("  note: \(result.label): \(result.duplicates) decisions arrived twice.")
            }
        }
        if strays > 0 { Console.output("  note: \(strays) decision events matched no order of a run.") }
        Console.output()
        for check in checks {
            Console.output("check \(check.passed ? "passed" : "FAILED"): \(check.line)")
        }
        Console.output()
        Console.output("Availability (GET /v1/availability with sku, quantity, shipTo, region, date; answer \(availabilityBytes) bytes)")
        Console.output(
            Formatting.padded("run", 30) + Formatting.padded("queries/s", 11, right: true) + Formatting.padded("p50", 10, right: true)
                + Formatting.padded("p99", 10, right: true) + Formatting.padded("p99.9", 10, right: true) + Formatting.padded("max", 10, right: true)
                + Formatting.padded("errors", 8, right: true) + Formatting.padded("CPU/query", 11, right: true) + Formatting.padded("PG CPU/query", 14, right: true)
        )
        Console.output(row("peak (\(settings.availabilityConnections) conn, closed loop)", availabilityPeak))
        if let availabilityFixed {
            Console.output(row("\(Formatting.grouped(settings.availabilityRate))/s offered (open loop)", availabilityFixed))
            if availabilityFixed.result.notSent > 0 || availabilityFixed.result.lateStarts > 0 {
                Console.output(
                    "  \(Formatting.grouped(availabilityFixed.result.lateStarts)) sent more than 1 ms late, \(Formatting.grouped(availabilityFixed.result.notSent)) not sent (latency counts from each query's intended start)"
                )
            }
        }
        Console.output("  CPU/query: this process (service + load generator); PG CPU/query: the service's PostgreSQL backends.")
    }

    private func row(_ name: String, _ run: AvailabilityRun) -> String {
        let result = run.result
        let latency = result.latency
        return Formatting.padded(name, 30) + Formatting.padded(Formatting.rate(result.requestsPerSecond), 11, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.p50) } ?? "-", 10, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.p99) } ?? "-", 10, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.p999) } ?? "-", 10, right: true)
            + Formatting.padded(latency.map { Self.milliseconds($0.maximum) } ?? "-", 10, right: true)
            + Formatting.padded(Formatting.grouped(result.errors), 8, right: true)
            + Formatting.padded(Self.microseconds(run.cpuPerQuery), 11, right: true)
            + Formatting.padded(run.databaseCPUPerQuery.map(Self.microseconds) ?? "-", 14, right: true)
    }

    /// Two decimals below 10 ms, one below 1 s, none above: sub-millisecond handler times and multi-second backlogs in one table.
    static func milliseconds(_ duration: Duration) -> String {
        let value = Formatting.seconds(duration) * 1000
        if abs(value) < 10 { return String(format: "%.2f ms", value) }
        if abs(value) < 1000 { return String(format: "%.1f ms", value) }
        return "\(Formatting.grouped(Int(value.rounded()))) ms"
    }

    private static func microseconds(_ duration: Duration) -> String {
        "\(Formatting.grouped(Int((Formatting.seconds(duration) * 1e6).rounded()))) µs"
    }

    private static func pair(_ summary: LatencySummary?) -> String {
        guard let summary else { return "-" }
        return "\(number(summary.p50)) / \(number(summary.p99))"
    }

    private static func number(_ duration: Duration) -> String {
        let value = Formatting.seconds(duration) * 1000
        if abs(value) < 10 { return String(format: "%.2f", value) }
        if abs(value) < 1000 { return String(format: "%.1f", value) }
        return Formatting.grouped(Int(value.rounded()))
    }
}
