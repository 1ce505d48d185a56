import Contracts
import Foundation
import Outbox
import Persistence
import ServiceKit

/// Reconciles a warehouse count with the computed positions: records each difference, books it to the ledger
/// as a `count` movement (so the position equals the count afterwards), and publishes
/// `inventory.reconciliation.completed.v1` — all in one transaction.
///
/// Counted below what is reserved is allowed (the goods are not there); available then shows zero and the
/// reservations stay, for the order flow to resolve.
public struct Reconciler: Sendable {
    public let store: InventoryStore
    public let pool: PostgresPool

    public init(store: InventoryStore, pool: PostgresPool) {
        self.store = store
        self.pool = pool
    }

    /// Validates and applies `snapshot`; returns the report and whether it was new (false: an earlier count with
    /// the same `countID`).
    public func reconcile(warehouse: String, snapshot: SnapshotDocument) async throws -> (ReconciliationReport, Bool) {
        var errors: [ProblemDetails.FieldError] = []
        var seen = Set<String>()
        for (index, count) in snapshot.counts.enumerated() {
            if !(0...Reserver.maximumQuantity).contains(count.quantity) {
                errors.append(.init(pointer: "/counts/\(index)/quantity", detail: "\(count.quantity) is not a count from 0 to \(Reserver.maximumQuantity)"))
            }
            if !seen.insert(count.sku).inserted { errors.append(.init(pointer: "/counts/\(index)/sku", detail: "SKU \(count.sku) is counted twice")) }
        }
        if let countID = snapshot.countID, let problem = InventoryValidation.identifierProblem(countID, what: "the count id") {
            errors.append(.init(pointer: "/countID", detail: problem))
        }
        guard errors.isEmpty else { throw ProblemDetails.validationFailed(errors) }

        return try await pool.transaction { transaction -> (ReconciliationReport, Bool) in
            if let countID = snapshot.countID {
                // Repeats of one count id queue here, so the second finds the first's report.
                _ = try await transaction.execute("SELECT pg_advisory_xact_lock(hashtext('inventory-count'), hashtext($1))", countID)
                if let id = try await transaction.query("SELECT id FROM reconciliations WHERE count_id = $1", countID).first.map({ try $0.decode(UUID.self, at: 0) }) {
                    guard let report = try await report(id: id, in: transaction) else { throw ProblemDetails.internalError() }
                    // The same count resent is answered again; the id reused for another warehouse or time is a conflict.
                    guard report.warehouse == warehouse, report.countedAt == StableJSON.roundedToMilliseconds(snapshot.countedAt) else {
                        throw ProblemDetails(
                            type: "urn:wholesail:problem:count-conflict", title: "The count id was used for another count",
                            status: .conflict,
                            detail: "Count \(countID) was recorded for \(report.warehouse) at \((try? StableJSON.string(from: report.countedAt)) ?? "another time"); a count id names one count. Nothing was changed."
                        )
                    }
                    return (report, false)
                }
            }
            if try await transaction.query("SELECT 1 FROM warehouses WHERE id = $1", warehouse).isEmpty {
                throw ProblemDetails(type: "urn:wholesail:problem:unknown-warehouse", status: .notFound, detail: "Warehouse \(warehouse) is unknown; create it with PUT /v1/warehouses/\(warehouse).")
            }
            let counted = Dictionary(snapshot.counts.map { ($0.sku, $0.quantity) }, uniquingKeysWith: { first, _ in first })
            let known = try await store.knownSKUs(Array(counted.keys), in: transaction)
            let unknown = snapshot.counts.enumerated().filter { !known.contains($0.element.sku) }
            guard unknown.isEmpty else {
                throw ProblemDetails.validationFailed(unknown.map { .init(pointer: "/counts/\($0.offset)/sku", detail: "SKU \($0.element.sku) is unknown; create it with PUT /v1/items/\($0.element.sku)") })
            }
            // Every position of the warehouse, locked in (SKU, warehouse) order like reservations lock them.
            let onRecord = try await transaction.query(
                "SELECT sku, on_hand FROM positions WHERE warehouse = $1 ORDER BY sku FOR UPDATE", warehouse
            ).reduce(into: [String: Int]()) { result, row in result[try row.decode(String.self, at: 0)] = try row.decode(Int.self, at: 1) }
            let skus = Set(counted.keys).union(onRecord.keys).sorted()
            var discrepancies: [ReconciliationReport.Discrepancy] = []
            for sku in skus {
                let expected = onRecord[sku] ?? 0
                let actual = counted[sku] ?? 0
                guard actual != expected else { continue }
                discrepancies.append(.init(sku: sku, warehouse: warehouse, expected: expected, counted: actual, delta: actual - expected))
                try await store.apply(
                    PositionChange(sku: sku, warehouse: warehouse, onHandDelta: actual - expected, reservedDelta: 0, kind: "count", movementID: snapshot.countID, reference: "count \(snapshot.countID ?? "-")"),
                    in: transaction
                )
            }
            let id = UUID()
            let unitsDifferent = discrepancies.reduce(0) { $0 + abs($1.delta) }
            let countedAt = StableJSON.roundedToMilliseconds(snapshot.countedAt)
            _ = try await transaction.execute(
                """
                INSERT INTO reconciliations (id, count_id, warehouse, counted_at, positions_compared, discrepancies, units_different)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """,
                id, snapshot.countID, warehouse, countedAt, skus.count, discrepancies.count, unitsDifferent
            )
            for discrepancy in discrepancies {
                _ = try await transaction.execute(
                    "INSERT INTO reconciliation_lines (reconciliation_id, sku, expected, counted, delta) VALUES ($1, $2, $3, $4, $5)",
                    id, discrepancy.sku, discrepancy.expected, discrepancy.counted, discrepancy.delta
                )
            }
            let report = ReconciliationReport(
                id: id.uuidString.lowercased(), countID: snapshot.countID, warehouse: warehouse, countedAt: countedAt,
                positionsCompared: skus.count, discrepancies: discrepancies,
                discrepancyRate: ReconciliationReport.rate(discrepancies: discrepancies.count, compared: skus.count),
                unitsDifferent: unitsDifferent
            )
            let event = ReconciliationCompleted(
                reconciliationID: report.id, warehouse: warehouse, countedAt: countedAt, positionsCompared: report.positionsCompared,
                discrepancies: discrepancies.count, discrepancyRate: report.discrepancyRate, unitsDifferent: unitsDifferent
            )
            try await store.outbox.append(try EventEnvelope(payload: event, correlationID: "reconciliation-\(report.id)"), in: transaction)
            return (report, true)
        }
    }

    /// A stored report, or nil.
    public func report(id: UUID, in transaction: PostgresTransaction) async throws -> ReconciliationReport? {
        guard let header = try await transaction.query(
            "SELECT count_id, warehouse, counted_at, positions_compared, discrepancies, units_different FROM reconciliations WHERE id = $1", id
        ).first else { return nil }
        let warehouse = try header.decode(String.self, at: 1)
        let lines = try await transaction.query(
            "SELECT sku, expected, counted, delta FROM reconciliation_lines WHERE reconciliation_id = $1 ORDER BY sku", id
        ).map { row in
            ReconciliationReport.Discrepancy(
                sku: try row.decode(String.self, at: 0), warehouse: warehouse, expected: try row.decode(Int.self, at: 1),
                counted: try row.decode(Int.self, at: 2), delta: try row.decode(Int.self, at: 3)
            )
        }
        let compared = try header.decode(Int.self, at: 3)
        return ReconciliationReport(
            id: id.uuidString.lowercased(), countID: try header.decode(String?.self, at: 0), warehouse: warehouse,
            countedAt: StableJSON.roundedToMilliseconds(try header.decode(Date.self, at: 2)), positionsCompared: compared,
            discrepancies: lines, discrepancyRate: ReconciliationReport.rate(discrepancies: try header.decode(Int.self, at: 4), compared: compared),
            unitsDifferent: try header.decode(Int.self, at: 5)
        )
    }
}
