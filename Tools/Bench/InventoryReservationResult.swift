import Foundation

/// The figures of one reservation run: how many orders were decided how fast, and where each order's time went.
///
/// Timestamps per order: *publish* (this process, just before its `publish(batch:)` call), *transaction start*
/// (`reservations.created_at`, PostgreSQL's `now()` in the handler's transaction — the same instant the inbox claim
/// records), *decision written* (the decision event's `outbox.created_at`, `clock_timestamp()` of the handler's last
/// statement before COMMIT), *occurredAt* (the decision event's own timestamp, set in the handler, millisecond
/// resolution) and *observed* (the event reached this process through the outbox relay and the broker).
/// PostgreSQL does not record commit times here (`track_commit_timestamp` is off), so the commit lies between
/// *decision written* and *observed*.
struct InventoryReservationResult: Sendable {
    var label: String
    var orders: Int
    var confirmed: Int
    var failed: Int
    /// Decisions that arrived twice for one order (there should be none).
    var duplicates: Int
    /// Fixed-rate runs: the offered orders per second; nil for a burst.
    var offeredRate: Int?
    /// First publish → last decision observed.
    var elapsed: Duration
    /// Publish → decision event's `occurredAt`.
    var toDecision: LatencySummary?
    /// Publish → handler's transaction start: broker, queue and wait in the consumer's lane.
    var toTransactionStart: LatencySummary?
    /// Handler's transaction start → decision event written (excludes the COMMIT).
    var handler: LatencySummary?
    /// Decision written → observed here: COMMIT, outbox relay, broker, this process's consumer.
    var writtenToObserved: LatencySummary?
    /// Handler's transaction start → decision observed here: an upper bound on handler start → COMMIT.
    var transactionToObserved: LatencySummary?
    /// Publish → decision observed here: the whole round trip, commit included.
    var endToEnd: LatencySummary?
    /// Fixed-rate runs: how late each order was published against its schedule.
    var publisherLag: LatencySummary?
    /// CPU time of this whole process (service, publisher, observer) per order.
    var cpuPerOrder: Duration
    /// CPU time of the PostgreSQL backends serving the service (pool and outbox relay) per order; nil when they
    /// cannot be read (PostgreSQL on another machine).
    var databaseCPUPerOrder: Duration?

    /// Orders decided per second of ``elapsed``.
    var ordersPerSecond: Double {
        let seconds = Formatting.seconds(elapsed)
        return seconds > 0 ? Double(confirmed + failed) / seconds : 0
    }
}
