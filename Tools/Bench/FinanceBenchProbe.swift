import Foundation
import Persistence

/// Reads the finance service's schema during and after a run: what it kept, invoiced and numbered.
struct FinanceBenchProbe: Sendable {
    /// One invoice number series as stored.
    struct Series: Sendable {
        var series: String
        var first: Int64
        var last: Int64
        var count: Int64
        /// Gap-free: numbers 1…count, each once (the numbers are unique by constraint).
        var isGapFree: Bool { first == 1 && last - first + 1 == count }
    }

    let pool: PostgresPool
    let schema: String

    /// Confirmed orders of run `tag` that finance kept.
    func keptOrders(tag: String) async throws -> Int {
        try await count(#"SELECT count(*)::bigint FROM "\#(schema)".orders WHERE order_id LIKE $1"#, "\(tag)-%")
    }

    /// Invoices of run `tag`'s orders (one per dispatch, so one per order here).
    func invoices(tag: String) async throws -> Int {
        try await count(#"SELECT count(*)::bigint FROM "\#(schema)".invoices WHERE order_id LIKE $1"#, "\(tag)-%")
    }

    /// Invoices no settlement batch has claimed yet.
    func unsettledInvoices() async throws -> Int {
        try await count(#"SELECT count(*)::bigint FROM "\#(schema)".invoices WHERE settlement_batch_id IS NULL"#)
    }

    /// Payments, credit notes and refunds not yet settled (the benchmark makes none; they would join the batch).
    func otherUnsettledDocuments() async throws -> Int {
        try await count(
            #"""
            SELECT ((SELECT count(*) FROM "\#(schema)".payments WHERE settlement_batch_id IS NULL)
                  + (SELECT count(*) FROM "\#(schema)".credit_notes WHERE settlement_batch_id IS NULL)
                  + (SELECT count(*) FROM "\#(schema)".refunds WHERE settlement_batch_id IS NULL AND amount_minor > 0))::bigint
            """#
        )
    }

    /// The invoices a batch claimed: how many, and the sum of their header totals (what the receivables debit must be).
    func batchInvoices(batchID: String) async throws -> (count: Int, totalMinor: Int64) {
        let row = try await pool.query(
            #"SELECT count(*)::bigint, coalesce(sum(total_minor), 0)::bigint FROM "\#(schema)".invoices WHERE settlement_batch_id = $1"#, batchID
        ).first
        return (Int(try row?.decode(Int64.self, at: 0) ?? 0), try row?.decode(Int64.self, at: 1) ?? 0)
    }

    /// Every invoice number series with its lowest and highest sequence and its count.
    func invoiceSeries() async throws -> [Series] {
        try await pool.query(
            #"SELECT series, min(sequence), max(sequence), count(*)::bigint FROM "\#(schema)".invoices GROUP BY series ORDER BY series"#
        ).map { row in
            Series(series: try row.decode(String.self, at: 0), first: try row.decode(Int64.self, at: 1), last: try row.decode(Int64.self, at: 2),
                   count: try row.decode(Int64.self, at: 3))
        }
    }

    /// Outbox rows the relay has not published yet (a backlog, not a loss).
    func unpublished() async throws -> Int {
        try await count(#"SELECT count(*)::bigint FROM "\#(schema)".outbox WHERE published_at IS NULL"#)
    }

    /// Waits (up to `timeout`) until the relay has published every outbox row, so one phase's events do not run
    /// into the next phase's figures; returns how many were still unpublished then.
    @discardableResult
    func waitUntilPublished(timeout: Duration) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = try await unpublished()
            if left == 0 || ContinuousClock.now >= deadline { return left }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Waits (up to `timeout`, progress every 5 s) until `read()` reaches `target`; returns when it did, or nil.
    func waitUntil(_ target: Int, what: String, timeout: Duration, _ read: () async throws -> Int) async throws -> ContinuousClock.Instant? {
        let deadline = ContinuousClock.now + timeout
        var nextReport = ContinuousClock.now + .seconds(5)
        while true {
            let current = try await read()
            if current >= target { return ContinuousClock.now }
            if ContinuousClock.now >= deadline {
                Console.progress("  only \(Formatting.grouped(current)) of \(Formatting.grouped(target)) \(what) within \(timeout)")
                return nil
            }
            if ContinuousClock.now >= nextReport {
                Console.progress("  \(Formatting.grouped(current)) of \(Formatting.grouped(target)) \(what)")
                nextReport = ContinuousClock.now + .seconds(5)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private func count(_ sql: String, _ bindings: String...) async throws -> Int {
        Int(try await pool.query(sql, parameters: bindings).first?.decode(Int64.self, at: 0) ?? 0)
    }
}
