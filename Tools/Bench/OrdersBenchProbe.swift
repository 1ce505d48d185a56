import Foundation
import Persistence

/// Reads the orders service's schema after a run: what the outbox relay published (and how late), and how far the
/// run's orders got (confirmed, posted to the ERP).
struct OrdersBenchProbe: Sendable {
    /// The `orders.order.received.v1` outbox rows of some orders.
    struct Relay: Sendable {
        var written: Int
        var unpublished: Int
        /// `created_at` → `published_at` (after the broker's confirm), seconds; nil while nothing is published.
        var lagP50: Double?
        var lagP99: Double?
        var lagMaximum: Double?
    }

    /// How far one run's orders got.
    struct Progress: Sendable {
        var orders: Int
        /// Confirmed or beyond (posted to the ERP).
        var confirmed: Int
        var erpPosted: Int
        /// Confirmed and waiting for the ERP.
        var erpPending: Int
    }

    let pool: PostgresPool
    let schema: String

    /// The highest outbox sequence so far (0 when empty): rows written after it belong to the runs that follow.
    func outboxCursor() async throws -> Int64 {
        try await pool.query(#"SELECT COALESCE(max(sequence), 0)::bigint FROM "\#(schema)".outbox"#).first?.decode(Int64.self, at: 0) ?? 0
    }

    /// Outbox rows written after `cursor` that the relay has not published yet.
    func unpublished(after cursor: Int64) async throws -> Int {
        Int(try await pool.query(
            #"SELECT count(*)::bigint FROM "\#(schema)".outbox WHERE sequence > $1 AND published_at IS NULL"#, cursor
        ).first?.decode(Int64.self, at: 0) ?? 0)
    }

    /// Waits (up to `timeout`) until the relay published every row written after `cursor`.
    func waitUntilPublished(after cursor: Int64, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await unpublished(after: cursor) > 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The `orders.order.received.v1` rows of the orders whose references match `referencePattern` (SQL `LIKE`).
    func relay(referencePattern: String) async throws -> Relay {
        let row = try await pool.query(
            #"""
            SELECT count(*)::bigint, (count(*) FILTER (WHERE o.published_at IS NULL))::bigint,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM o.published_at - o.created_at)::float8),
                   percentile_disc(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM o.published_at - o.created_at)::float8),
                   max(extract(epoch FROM o.published_at - o.created_at)::float8)
            FROM "\#(schema)".outbox o JOIN "\#(schema)".orders r ON r.id = o.aggregate_id
            WHERE o.event_type = 'orders.order.received.v1' AND r.channel_order_reference LIKE $1
            """#,
            referencePattern
        ).first
        guard let row else { return Relay(written: 0, unpublished: 0) }
        return Relay(
            written: Int(try row.decode(Int64.self, at: 0)), unpublished: Int(try row.decode(Int64.self, at: 1)),
            lagP50: try row.decode(Double?.self, at: 2), lagP99: try row.decode(Double?.self, at: 3), lagMaximum: try row.decode(Double?.self, at: 4)
        )
    }

    /// The orders of run `tag` (references `<tag>-<index>`; a tag also covers the runs `<tag>-<round>`).
    func progress(tag: String) async throws -> Progress {
        let row = try await pool.query(
            #"""
            SELECT count(*)::bigint,
                   (count(*) FILTER (WHERE o.status NOT IN ('received', 'needs_attention', 'rejected', 'cancelled')))::bigint,
                   (count(*) FILTER (WHERE p.status = 'posted'))::bigint,
                   (count(*) FILTER (WHERE p.status = 'pending'))::bigint
            FROM "\#(schema)".orders o LEFT JOIN "\#(schema)".erp_postings p ON p.order_id = o.id
            WHERE o.channel_order_reference LIKE $1
            """#,
            "\(tag)-%"
        ).first
        guard let row else { return Progress(orders: 0, confirmed: 0, erpPosted: 0, erpPending: 0) }
        return Progress(
            orders: Int(try row.decode(Int64.self, at: 0)), confirmed: Int(try row.decode(Int64.self, at: 1)),
            erpPosted: Int(try row.decode(Int64.self, at: 2)), erpPending: Int(try row.decode(Int64.self, at: 3))
        )
    }

    /// Waits (up to `timeout`) until `done` holds for run `tag`'s progress; returns the progress then.
    func progress(tag: String, until done: (Progress) -> Bool, timeout: Duration) async throws -> Progress {
        let deadline = ContinuousClock.now + timeout
        var nextReport = ContinuousClock.now + .seconds(5)
        while true {
            let progress = try await progress(tag: tag)
            if done(progress) || ContinuousClock.now >= deadline { return progress }
            if ContinuousClock.now >= nextReport {
                Console.progress(
                    "  \(tag): \(Formatting.grouped(progress.orders)) orders, \(Formatting.grouped(progress.confirmed)) confirmed, "
                        + "\(Formatting.grouped(progress.erpPosted)) posted to the ERP, \(Formatting.grouped(progress.erpPending)) waiting for it"
                )
                nextReport = ContinuousClock.now + .seconds(5)
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Whether the ERP postings of every run so far went out in confirmation order: the simulator's documents,
    /// in the order it received them, against `erp_postings.sequence`. Returns the number of out-of-order postings.
    func postingsOutOfOrder(received orderIDs: [String]) async throws -> Int {
        let rows = try await pool.query(
            #"SELECT order_id, sequence FROM "\#(schema)".erp_postings WHERE status = 'posted'"#
        )
        var sequence: [String: Int64] = [:]
        for row in rows { sequence[try row.decode(String.self, at: 0)] = try row.decode(Int64.self, at: 1) }
        var previous: Int64 = .min
        var outOfOrder = 0
        for id in orderIDs {
            guard let current = sequence[id] else { continue }
            if current < previous { outOfOrder += 1 }
            previous = max(previous, current)
        }
        return outOfOrder
    }
}
