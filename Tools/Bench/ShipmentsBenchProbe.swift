import Foundation
import Persistence

/// Reads the shipments service's schema after a run: what the milestones did, and what the webhook deliveries say
/// on the database's side.
struct ShipmentsBenchProbe: Sendable {
    /// The milestones of one run.
    struct Milestones: Sendable {
        /// Moved the shipment (or, for an exception, announced it).
        var applied: Int
        /// Kept in the history only (late: the shipment was already past it).
        var recordedOnly: Int
    }

    /// The deliveries queued since a point in time.
    struct Deliveries: Sendable {
        var delivered: Int
        var pending: Int
        var failed: Int
        /// Attempts beyond the first, over all deliveries (retries).
        var retries: Int
        /// Queued (the milestone's transaction) → recorded delivered, database clock, seconds.
        var queuedToDeliveredP50: Double?
        var queuedToDeliveredP99: Double?
        var total: Int { delivered + pending + failed }
    }

    let pool: PostgresPool
    let schema: String

    /// The milestones whose event ids start with `<tag>-`.
    func milestones(tag: String) async throws -> Milestones {
        let row = try await pool.query(
            #"""
            SELECT (count(*) FILTER (WHERE applied))::bigint, (count(*) FILTER (WHERE NOT applied))::bigint
            FROM "\#(schema)".shipment_milestones WHERE event_id LIKE $1
            """#,
            "\(tag)-%"
        ).first
        return Milestones(applied: Int(try row?.decode(Int64.self, at: 0) ?? 0), recordedOnly: Int(try row?.decode(Int64.self, at: 1) ?? 0))
    }

    /// Outbox rows the relay has not published yet.
    func unpublished() async throws -> Int {
        Int(try await pool.query(#"SELECT count(*)::bigint FROM "\#(schema)".outbox WHERE published_at IS NULL"#).first?.decode(Int64.self, at: 0) ?? 0)
    }

    /// Waits (up to `timeout`) until the relay has published every outbox row, so one run's events do not spill
    /// into the next run's figures; returns how many were still unpublished then.
    @discardableResult
    func waitUntilPublished(timeout: Duration) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = try await unpublished()
            if left == 0 || ContinuousClock.now >= deadline { return left }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The database's clock now, as microseconds since 1970 (a marker for ``deliveries(since:)``).
    func now() async throws -> Int64 {
        try await pool.query("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint").first?.decode(Int64.self, at: 0) ?? 0
    }

    /// The deliveries queued after `marker` (from ``now()``).
    func deliveries(since marker: Int64) async throws -> Deliveries {
        let row = try await pool.query(
            #"""
            SELECT (count(*) FILTER (WHERE status = 'delivered'))::bigint,
                   (count(*) FILTER (WHERE status = 'pending'))::bigint,
                   (count(*) FILTER (WHERE status = 'failed'))::bigint,
                   COALESCE(sum(GREATEST(attempts - 1, 0)), 0)::bigint,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at)::float8),
                   percentile_disc(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at)::float8)
            FROM "\#(schema)".webhook_deliveries
            WHERE created_at >= 'epoch'::timestamptz + $1::bigint * interval '1 microsecond'
            """#,
            marker
        ).first
        guard let row else { return Deliveries(delivered: 0, pending: 0, failed: 0, retries: 0) }
        return Deliveries(
            delivered: Int(try row.decode(Int64.self, at: 0)), pending: Int(try row.decode(Int64.self, at: 1)),
            failed: Int(try row.decode(Int64.self, at: 2)), retries: Int(try row.decode(Int64.self, at: 3)),
            queuedToDeliveredP50: try row.decode(Double?.self, at: 4), queuedToDeliveredP99: try row.decode(Double?.self, at: 5)
        )
    }
}
