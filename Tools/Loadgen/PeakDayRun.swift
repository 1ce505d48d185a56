import Contracts
import Foundation
import SuiteDriver

/// The peak day: load the catalogue, offer the orders at a fixed rate (each one driven to paid by its own task), sample
/// the queues, then audit what the services did against what was asked.
struct PeakDayRun {
    let client: SuiteClient
    let plan: PeakDayPlan
    let rate: Double
    let driver: PeakDayOrderDriver
    let sampler: QueueDepthSampler

    struct Audit {
        var accepted = 0
        var paid = 0
        var rejected = 0
        var refused = 0
        var unfinished: [PeakDayOutcome] = []
        var erpDocuments = 0
        var erpMissing = 0
        var erpExtraDeliveries = 0
        var erpConflicts = 0
        var invoiceMismatches = 0
        var stockMismatches: [String] = []
        var negativeStock: [String] = []
    }

    func run() async throws -> (outcomes: [PeakDayOutcome], elapsed: Duration, audit: Audit) {
        progress("peak day: loading the catalogue (\(plan.skus.count) SKUs in \(PeakDayCatalogue.warehouses.count) warehouses, \(plan.customers.count) customers)")
        try await PeakDayCatalogue.load(plan, into: client)
        let baseline = try await onHand(plan.skus)
        progress("peak day: offering \(plan.orders.count) orders at \(Int(rate))/s")
        let sampling = Task { await sampler.run() }
        let started = ContinuousClock.now
        let outcomes = await withTaskGroup(of: PeakDayOutcome.self) { group in
            for (index, order) in plan.orders.enumerated() {
                let due = started + .milliseconds(Int64(Double(index) * 1000 / rate))
                if due > .now { try? await Task.sleep(until: due) }
                group.addTask { await driver.drive(order) }
                if (index + 1) % 1000 == 0 { progress("peak day: \(index + 1) offered after \(Self.seconds(ContinuousClock.now - started))") }
            }
            var outcomes: [PeakDayOutcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let elapsed = ContinuousClock.now - started
        sampling.cancel()
        progress("peak day: every order settled after \(Self.seconds(elapsed)); auditing")
        return (outcomes, elapsed, try await audit(outcomes, baseline: baseline))
    }

    private func audit(_ outcomes: [PeakDayOutcome], baseline: [String: Int]) async throws -> Audit {
        var audit = Audit()
        for outcome in outcomes {
            switch outcome.result {
            case .paid: audit.paid += 1
            case .rejected: audit.rejected += 1
            case .refused: audit.refused += 1
            case .unfinished: audit.unfinished.append(outcome)
            }
            if outcome.result != .refused { audit.accepted += 1 }
            if outcome.result == .paid && outcome.invoices != outcome.dispatches { audit.invoiceMismatches += 1 }
        }
        // The ERP: one sales order per confirmed order, never a conflicting second body.
        let confirmed = Set(outcomes.filter { $0.result == .paid }.compactMap(\.orderID))
        // Orders posts to the ERP after confirming, on its own schedule: give the last postings up to two minutes.
        let documents = try await Self.settled(
            read: { try await client.erpDocuments(kind: .salesOrders).filter { confirmed.contains($0.idempotencyKey) } },
            until: { $0.count >= confirmed.count }
        )
        audit.erpDocuments = documents.count
        audit.erpMissing = confirmed.subtracting(documents.map(\.idempotencyKey)).count
        audit.erpExtraDeliveries = documents.reduce(0) { $0 + $1.deliveries - 1 }
        audit.erpConflicts = documents.reduce(0) { $0 + $1.conflicts }
        // Stock: on hand went down by exactly what was dispatched, and never below zero.
        var shipped: [String: Int] = [:]
        for outcome in outcomes { for (sku, units) in outcome.shippedUnits { shipped[sku, default: 0] += units } }
        let expected = Dictionary(uniqueKeysWithValues: plan.skus.map { ($0, (baseline[$0] ?? 0) - (shipped[$0] ?? 0)) })
        // Inventory issues stock as it handles each dispatch, on its own schedule: after a burst it may still be working
        // through its queue when the last invoice is paid. Give it up to two minutes to catch up, as the ERP above.
        let after = try await Self.settled(read: { try await onHand(plan.skus) }, until: { after in plan.skus.allSatisfy { after[$0] == expected[$0] } })
        for sku in plan.skus where after[sku] != expected[sku] {
            audit.stockMismatches.append("\(sku): on hand \(after[sku] ?? 0), expected \(expected[sku] ?? 0)")
        }
        for sku in plan.skus {
            for position in try await client.positions(sku: sku) where position.onHand < 0 || position.reserved < 0 {
                audit.negativeStock.append("\(sku) in \(position.warehouse): on hand \(position.onHand), reserved \(position.reserved)")
            }
        }
        return audit
    }

    /// Reads what a service did on its own schedule every two seconds until `done` holds or two minutes have passed;
    /// the last read, for the audit to judge.
    private static func settled<Value>(read: () async throws -> Value, until done: (Value) -> Bool) async throws -> Value {
        var value = try await read()
        let patience = ContinuousClock.now + .seconds(120)
        while !done(value) && ContinuousClock.now < patience {
            try await Task.sleep(for: .seconds(2))
            value = try await read()
        }
        return value
    }

    /// On hand per SKU over every warehouse.
    private func onHand(_ skus: [String]) async throws -> [String: Int] {
        var totals: [String: Int] = [:]
        for sku in skus { totals[sku] = try await client.positions(sku: sku).reduce(0) { $0 + $1.onHand } }
        return totals
    }

    /// A progress line, flushed at once (standard output is block-buffered when it is a file).
    func progress(_ line: String) {
        print(line)
        fflush(nil)
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
