import Contracts
import Foundation
import ServiceKit

/// The finance benchmark's tables on standard output. The issue sets no target, so there is no verdict — only
/// errors (lost or wrong answers, numbering gaps, a batch held, not posted or posted twice) make the command fail.
struct FinanceBenchReport {
    let settings: FinanceBenchmark.Settings
    let configuration: ServiceConfiguration
    let importElapsed: Duration
    let credit: FinanceBenchRun
    let invoicing: FinanceBenchmark.InvoicePath
    /// The invoice number series right after the invoice run, and at the end (after the settlement's invoices).
    let seriesAfterInvoiceRun: [FinanceBenchProbe.Series]
    /// The invoices made only to fill the settlement batch, if any were needed.
    let filler: FinanceBenchmark.InvoicePath?
    let seriesAtEnd: [FinanceBenchProbe.Series]
    let settlement: FinanceBenchSettlement.Result
    /// Finance events for no order of the run, or of a kind the benchmark does not expect.
    let strays: Int
    let undecodable: Int

    /// Everything that went wrong, one line each.
    var errors: [String] {
        var errors: [String] = []
        errors += credit.problems.map { "credit checks: \($0)" }
        for path in [invoicing] + (filler.map { [$0] } ?? []) {
            errors += path.run.problems.map { "\(path.run.label): \($0)" }
            if path.invoiceRows != path.run.count {
                errors.append("\(path.run.label): \(Formatting.grouped(path.invoiceRows)) invoice rows for \(Formatting.grouped(path.run.count)) dispatches")
            }
        }
        for series in seriesAfterInvoiceRun + seriesAtEnd where !series.isGapFree {
            errors.append("invoice series \(series.series) is not gap-free: sequences \(series.first)…\(series.last), \(series.count) invoices")
        }
        errors += settlement.problems.map { "settlement: \($0)" }
        if strays > 0 { errors.append("\(strays) finance events for no order of the run, or of an unexpected kind") }
        if undecodable > 0 { errors.append("\(undecodable) finance events did not decode as their contract says") }
        return errors
    }

    var hasErrors: Bool { !errors.isEmpty }

    func print() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        Console.output()
        Console.output(
            "wholesail-bench finance — \(cores) cores shared by PostgreSQL, RabbitMQ, the service, the ERP simulator, the publisher and the observer; "
                + "database pool \(configuration.databasePoolSize); load average \(InventoryBenchmark.loadAverage())"
        )
        Console.output(
            "set-up: \(Formatting.grouped(settings.customers)) customer accounts (EUR, limit \(Formatting.grouped(Int(FinanceBenchmark.creditLimitMinor / 100))).00, "
                + "30 days) imported with PUT /v1/customers/{id} in \(String(format: "%.1f s", Formatting.seconds(importElapsed)))"
        )
        if let rate = invoicing.confirmationsPerSecond, let elapsed = invoicing.confirmationElapsed {
            Console.output(
                "invoice run set-up: \(Formatting.grouped(invoicing.run.count)) orders.order.confirmed.v1 (ship-to DE, 2–3 lines) kept in "
                    + "\(String(format: "%.1f s", Formatting.seconds(elapsed))) — \(Formatting.rate(rate)) orders/s; tax rate DE/standard 19 %"
            )
        }
        Console.output()
        Console.output(
            Formatting.padded("events → finance's answer", 44) + Formatting.padded("events", 8, right: true)
                + Formatting.padded("per s", 7, right: true) + Formatting.padded("p50", 11, right: true)
                + Formatting.padded("p99", 11, right: true) + Formatting.padded("max", 11, right: true)
                + Formatting.padded("errors", 8, right: true)
                + Formatting.padded("CPU/event", 11, right: true) + Formatting.padded("PG CPU", 10, right: true)
        )
        Console.output(row("credit checks: priced → credit.approved", credit))
        Console.output(row("invoices: dispatched → invoice.posted", invoicing.run))
        if let filler { Console.output(row("  (settlement's invoices, same path)", filler.run)) }
        Console.output()
        Console.output(
            Formatting.padded("settlement batch (POST /v1/settlements)", 44) + Formatting.padded("invoices", 9, right: true)
                + Formatting.padded("assembly", 11, right: true) + Formatting.padded("→ posted", 11, right: true)
                + Formatting.padded("total", 11, right: true) + Formatting.padded("entries", 9, right: true)
                + Formatting.padded("debit total", 20, right: true) + Formatting.padded("ERP batches", 12, right: true)
        )
        Console.output(
            Formatting.padded("one peak day, \(Formatting.grouped(settlement.invoices)) invoices", 44)
                + Formatting.padded(Formatting.grouped(settlement.invoices), 9, right: true)
                + Formatting.padded(Self.seconds(settlement.assembly), 11, right: true)
                + Formatting.padded(Self.seconds(settlement.posting), 11, right: true)
                + Formatting.padded(Self.seconds(settlement.total), 11, right: true)
                + Formatting.padded(Formatting.grouped(settlement.entries), 9, right: true)
                + Formatting.padded(Self.money(settlement.debitTotal), 20, right: true)
                + Formatting.padded(Formatting.grouped(settlement.erpBatches), 12, right: true)
        )
        Console.output(
            "  batch \(settlement.batchID): \(settlement.statusAfterAssembly.rawValue) after assembly; credit total \(Self.money(settlement.creditTotal)); "
                + "reached the ERP simulator \(settlement.erpDeliveries) time(s)"
                + (settlement.erpBodyBytes.map { ", \(Formatting.grouped($0)) bytes of JSON" } ?? "")
                + "; finance.settlement.posted.v1 observed \(Self.seconds(settlement.announced)) after the POST's answer"
        )
        Console.output("  invoices: \(settlement.made)")
        let numbering = seriesAtEnd.map { "\($0.series) \($0.first)…\($0.last) (\(Formatting.grouped(Int($0.count))))" }.joined(separator: ", ")
        Console.output("  invoice numbers: \(numbering) — " + (seriesAtEnd.allSatisfy(\.isGapFree) && seriesAfterInvoiceRun.allSatisfy(\.isGapFree) ? "gap-free" : "GAPS (!)"))
        Console.output()
        for line in notes { Console.output("  " + line) }
        Console.output()
        for line in summary { Console.output(line) }
        Console.output()
        let errors = errors
        if errors.isEmpty {
            Console.output("no errors")
        } else {
            for error in errors { Console.output("error: \(error)") }
            Console.output("errors above — exit status 1")
        }
    }

    private func row(_ name: String, _ run: FinanceBenchRun) -> String {
        Formatting.padded(name, 44)
            + Formatting.padded(Formatting.grouped(run.count), 8, right: true)
            + Formatting.padded(Formatting.rate(run.perSecond), 7, right: true)
            + Formatting.padded(Self.latency(run.latency?.p50), 11, right: true)
            + Formatting.padded(Self.latency(run.latency?.p99), 11, right: true)
            + Formatting.padded(Self.latency(run.latency?.maximum), 11, right: true)
            + Formatting.padded(Formatting.grouped(run.count - run.answered), 8, right: true)
            + Formatting.padded(OrdersBenchReport.microseconds(run.cpuPerEvent), 11, right: true)
            + Formatting.padded(OrdersBenchReport.microseconds(run.databaseCPUPerEvent), 10, right: true)
    }

    private var notes: [String] {
        [
            "Event rows: the events go to the service's exchange in broker batches of \(FinanceBenchPublisher.batchSize) (each waits for its confirms), as fast",
            "as the broker takes them, so the service works through a backlog and per s = answers / (first publish → last answer observed)",
            "is its capacity. Latency: the event's batch handed to the broker → finance's answer observed on the broker here (inbox, handler",
            "transaction, outbox relay, broker); it includes the wait in the backlog, so it grows through the run and max ≈ the drain time.",
            "errors: answers missing or wrong (a rejection, an amount ≠ the priced net, invoice tax ≠ 19 % per line rounded half away from",
            "zero, a second invoice). Orders are spread over \(Formatting.grouped(settings.customers)) customers (--customers); each credit check locks its customer's row.",
            "Invoice rows: the orders were confirmed and kept first (not timed in the row); each dispatch ships all units of its order.",
            "CPU/event: this whole process (service, publisher, observer, ERP simulator) per event; PG CPU: the service's PostgreSQL backends",
            "(pool, relay) per event, from /proc (10 ms ticks).",
            "Settlement: assembly = POST /v1/settlements sent → answered (claim the unsettled invoices, one journal entry each, controls, store",
            "batch and entries: one transaction); → posted = the answer → GET /v1/settlements/{id} first shows posted (polled every \(Formatting.milliseconds(FinanceBenchSettlement.pollInterval))):",
            "the poster reads the journal, posts it to the ERP simulator in this process (batch id as Idempotency-Key) and records it.",
            "Checked: entries = invoices claimed, debit = credit = Σ invoice totals, exactly one journal batch in the ERP simulator, received once.",
        ]
    }

    /// The three headline figures as a Markdown table, for the README.
    private var summary: [String] {
        func latency(_ run: FinanceBenchRun) -> String {
            "p50 \(Self.latency(run.latency?.p50)), p99 \(Self.latency(run.latency?.p99))"
        }
        return [
            "| figure | result |",
            "|---|---|",
            "| credit checks/s (\(Formatting.grouped(credit.count)) priced orders, \(Formatting.grouped(settings.customers)) customers) | "
                + "\(Formatting.rate(credit.perSecond))/s; publish → approval \(latency(credit)) |",
            "| invoices/s from dispatch events (\(Formatting.grouped(invoicing.run.count)) dispatches, 2–3 lines, 19 % tax) | "
                + "\(Formatting.rate(invoicing.run.perSecond))/s; publish → invoice posted \(latency(invoicing.run)) |",
            "| settlement batch, \(Formatting.grouped(settlement.invoices)) invoices (one peak day) | assembly + controls + journal stored "
                + "\(Self.seconds(settlement.assembly)), → posted to the ERP \(Self.seconds(settlement.posting)), total \(Self.seconds(settlement.total)); "
                + "\(Formatting.grouped(settlement.entries)) entries, debit \(Self.money(settlement.debitTotal)) |",
        ]
    }

    /// A latency in milliseconds (one decimal) below 10 s, in seconds (two decimals) above; `-` when not measured.
    static func latency(_ duration: Duration?) -> String {
        guard let duration else { return "-" }
        let seconds = Formatting.seconds(duration)
        return seconds < 10 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }

    /// `3,917,030.19 EUR`: the amount with its integer part grouped by thousands.
    static func money(_ money: Money) -> String {
        let text = money.amountString
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", maxSplits: 1)
        guard let whole = parts.first.flatMap({ Int($0) }) else { return money.description }
        let fraction = parts.count == 2 ? "." + parts[1] : ""
        return (negative ? "-" : "") + Formatting.grouped(whole) + fraction + " " + money.currency.code
    }

    /// Seconds with two decimals, or `-` when not measured.
    static func seconds(_ duration: Duration?) -> String {
        duration.map { String(format: "%.2f s", Formatting.seconds($0)) } ?? "-"
    }
}
