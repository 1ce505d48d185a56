import Foundation
import ServiceKit

/// The shipments benchmark's tables on standard output. The issue sets no target, so there is no verdict — only
/// errors (failed requests, lost deliveries, bad signatures) make the command fail.
struct ShipmentsBenchReport {
    let settings: ShipmentsBenchmark.Settings
    let configuration: ServiceConfiguration
    let setUp: ShipmentsBenchCreator.Batch
    let peak: ShipmentsBenchIntakeRun
    let fixed: ShipmentsBenchIntakeRun
    let rate: Int
    let webhooks: [ShipmentsBenchWebhookRun]
    /// The fixed webhook rate used.
    let webhookRate: Int
    /// `shipments.shipment.created.v1` events the creator could not decode.
    let undecodableCreated: Int

    /// Anything that went wrong: a milestone not answered 2xx, a delivery lost or badly signed, a delivery failed.
    var hasErrors: Bool {
        peak.result.errors > 0 || fixed.result.errors > 0 || webhooks.contains(where: \.hasErrors) || undecodableCreated > 0
    }

    func print() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        Console.output()
        Console.output(
            "wholesail-bench shipments — \(cores) cores shared by PostgreSQL, RabbitMQ, the service, the load generator and the webhook receiver; "
                + "database pool \(configuration.databasePoolSize); load average \(InventoryBenchmark.loadAverage())"
        )
        Console.output(
            "set-up: \(Formatting.grouped(setUp.shipmentIDs.count)) shipments created from orders.order.confirmed.v1 (2–3 lines, one warehouse) in "
                + "\(String(format: "%.1f", Formatting.seconds(setUp.elapsed))) s — \(Formatting.rate(setUp.shipmentsPerSecond)) shipments/s through the inbox and outbox"
        )
        Console.output()
        Console.output(
            Formatting.padded("POST /v1/shipments/{id}/events", 36) + Formatting.padded("events/s", 9, right: true)
                + Formatting.padded("p50", 10, right: true) + Formatting.padded("p99", 10, right: true)
                + Formatting.padded("p99.9", 10, right: true) + Formatting.padded("max", 10, right: true)
                + Formatting.padded("errors", 7, right: true) + Formatting.padded("late", 6, right: true)
                + Formatting.padded("history", 9, right: true)
                + Formatting.padded("CPU/event", 11, right: true) + Formatting.padded("PG CPU", 10, right: true)
        )
        Console.output(intakeRow("closed loop, \(settings.connections) connections", peak))
        Console.output(intakeRow("\(Formatting.grouped(rate))/s offered, \(settings.rateConnections) conns", fixed))
        for run in [peak, fixed] where run.result.errors > 0 {
            Console.output("  \(run.label): \(run.result.summary)" + (run.result.firstFailure.map { "; first: \($0)" } ?? ""))
        }
        Console.output()
        Console.output(
            Formatting.padded("webhooks (\(settings.subscribers) subscriber\(settings.subscribers == 1 ? "" : "s"))", 36)
                + Formatting.padded("events/s", 9, right: true) + Formatting.padded("ev p99", 11, right: true)
                + Formatting.padded("deliv/s", 9, right: true)
                + Formatting.padded("c→r p50", 12, right: true) + Formatting.padded("c→r p99", 12, right: true)
                + Formatting.padded("c→r max", 12, right: true) + Formatting.padded("tail", 12, right: true)
                + Formatting.padded("missing", 8, right: true) + Formatting.padded("dup", 5, right: true)
                + Formatting.padded("bad sig", 8, right: true) + Formatting.padded("errors", 7, right: true)
        )
        for run in webhooks { Console.output(webhookRow(run)) }
        for run in webhooks {
            Console.output(
                "  \(run.label): \(Formatting.grouped(run.received)) of \(Formatting.grouped(run.expected)) deliveries received; service's record: "
                    + "\(Formatting.grouped(run.database.delivered)) delivered, \(Formatting.grouped(run.database.pending)) pending, "
                    + "\(Formatting.grouped(run.database.failed)) failed, \(Formatting.grouped(run.database.retries)) retries; "
                    + "queued → recorded delivered p50 \(Self.milliseconds(run.database.queuedToDeliveredP50.map { .nanoseconds(Int64($0 * 1e9)) })) "
                    + "p99 \(Self.milliseconds(run.database.queuedToDeliveredP99.map { .nanoseconds(Int64($0 * 1e9)) })); "
                    + "CPU per delivery: this process \(OrdersBenchReport.microseconds(run.cpuPerDelivery)), PG \(OrdersBenchReport.microseconds(run.databaseCPUPerDelivery))"
                    + (run.unmatched > 0 ? "; \(run.unmatched) unmatched" : "")
                    + (run.beforeAnswer > 0 ? "; \(run.beforeAnswer) overtook their milestone's answer" : "")
                    + (run.lateStarts > 0 ? "; \(Formatting.grouped(run.lateStarts)) milestones sent late" : "")
                    + (run.firstFailure.map { "; first failure: \($0)" } ?? "")
            )
        }
        if undecodableCreated > 0 {
            Console.output("  \(undecodableCreated) shipments.shipment.created.v1 events did not decode as the contract says (!)")
        }
        Console.output()
        for line in notes { Console.output("  " + line) }
        Console.output()
        Console.output(hasErrors ? "errors above (marked in the errors/missing/bad sig columns) — exit status 1" : "no errors")
    }

    private func intakeRow(_ name: String, _ run: ShipmentsBenchIntakeRun) -> String {
        let result = run.result
        let latency = result.latency
        let late: String = if case .fixedRate = result.mode { Formatting.grouped(result.lateStarts) } else { "-" }
        return Formatting.padded(name, 36)
            + Formatting.padded(Formatting.rate(result.requestsPerSecond), 9, right: true)
            + Formatting.padded(Self.milliseconds(latency?.p50), 10, right: true)
            + Formatting.padded(Self.milliseconds(latency?.p99), 10, right: true)
            + Formatting.padded(Self.milliseconds(latency?.p999), 10, right: true)
            + Formatting.padded(Self.milliseconds(latency?.maximum), 10, right: true)
            + Formatting.padded(Formatting.grouped(result.errors), 7, right: true)
            + Formatting.padded(late, 6, right: true)
            + Formatting.padded(Formatting.grouped(run.milestones.recordedOnly), 9, right: true)
            + Formatting.padded(OrdersBenchReport.microseconds(run.cpuPerEvent), 11, right: true)
            + Formatting.padded(OrdersBenchReport.microseconds(run.databaseCPUPerEvent), 10, right: true)
    }

    private func webhookRow(_ run: ShipmentsBenchWebhookRun) -> String {
        Formatting.padded(run.label, 36)
            + Formatting.padded(Formatting.rate(run.milestonesPerSecond), 9, right: true)
            + Formatting.padded(Self.milliseconds(run.milestoneLatency?.p99), 11, right: true)
            + Formatting.padded(Formatting.rate(run.deliveriesPerSecond), 9, right: true)
            + Formatting.padded(Self.milliseconds(run.latency?.p50), 12, right: true)
            + Formatting.padded(Self.milliseconds(run.latency?.p99), 12, right: true)
            + Formatting.padded(Self.milliseconds(run.latency?.maximum), 12, right: true)
            + Formatting.padded(Self.milliseconds(run.tail), 12, right: true)
            + Formatting.padded(Formatting.grouped(run.missing), 8, right: true)
            + Formatting.padded(Formatting.grouped(run.duplicates), 5, right: true)
            + Formatting.padded(Formatting.grouped(run.signatureFailures), 8, right: true)
            + Formatting.padded(Formatting.grouped(run.failedRequests + run.database.failed), 7, right: true)
    }

    private var notes: [String] {
        let walkLength = ShipmentsBenchRequests.fullWalk.count
        return [
            "Milestone rows: every request is a new milestone with its own event id, walking its shipment picked → packed → dispatched",
            "(no lines: everything open) → in_transit → delivered; request i is step ⌊i/S⌋ of shipment i mod S (S = \(Formatting.grouped(peak.shipments)) in the",
            "closed loop, \(Formatting.grouped(fixed.shipments)) at the fixed rate), so one shipment's milestones are seconds apart and arrive in order.",
            "Past \(walkLength)×S requests the walk repeats without the dispatch: valid but late milestones, answered 200 and kept as history only (column",
            "history; the rest were applied). No webhook subscription exists during these rows. Latency: request sent → 200 read (fixed rate: from",
            "the due time, so a stall counts in every request behind it; late = sent > 1 ms after its due time); \(settings.duration) after a 1 s warm-up.",
            "Fixed rate: " + (settings.rate == nil ? "\(Formatting.percent(ShipmentsBenchmark.rateShare)) of the closed loop (--rate)." : "--rate.")
                + " CPU/event: this whole process (service, load generator) per milestone sent; PG CPU: the service's PostgreSQL",
            "backends (pool, relay, dispatcher's listener) per milestone, from /proc (10 ms ticks). Dispatched and delivered also write an outbox row each.",
            "Webhook rows: \(settings.subscribers) subscription(s) to dispatched, exception and delivered, pointing at a receiver in this process that",
            "answers 200 at once. Each milestone announces one event (walk: dispatched → exception → delivered), delivered once per subscriber.",
            "events/s and ev p99: the milestones' own rate and latency meanwhile. deliv/s: deliveries received / (first → last delivery):",
            "the offered rate while the dispatcher keeps up, its capacity while a backlog builds (then c→r grows through the run).",
            "c→r (commit → receiver): the delivery's arrival minus the milestone's 200 (the commit precedes the answer by the answer's way back),",
            "matched by subscriber + payload.shipmentID + type (unique per run). tail: last milestone answer → last delivery (the backlog drained).",
            "missing: owed but not received within --settle-seconds (\(settings.settleTimeout)); dup: a delivery id or event received again; bad sig:",
            "Webhook-Signature not verifying with the subscription's secret (WebhookSignature.verify, at the arrival time). The service's record",
            "(webhook_deliveries, database clock): queued = the milestone transaction's start, recorded delivered = the start of the transaction",
            "that records the 2xx, so it runs a few ms above c→r; it confirms the receiver's figures from the other side.",
            "The dispatcher sends one attempt per subscription at a time (oldest first), so one subscriber's deliveries/s is bounded by one",
            "round trip plus recording each delivery; more subscribers (--subscribers) are served in parallel.",
            "Webhook fixed rate: " + (settings.webhookRate != nil ? "--webhook-rate." : settings.webhookPeak
                ? "\(Formatting.percent(ShipmentsBenchmark.webhookRateShare)) of the closed loop's deliveries/s per subscriber (--webhook-rate), run after it."
                : "\(ShipmentsBenchmark.defaultWebhookRate)/s (--webhook-rate)."),
        ]
    }

    /// Milliseconds with two decimals, or `-` when not measured.
    static func milliseconds(_ duration: Duration?) -> String {
        duration.map { String(format: "%.2f ms", Formatting.seconds($0) * 1000) } ?? "-"
    }
}
