/// The sizes and durations of one `foundation` run (all adjustable on the command line).
struct FoundationSettings: Sendable {
    /// How many alternating baseline/Swift rounds each messaging and transaction figure is split into.
    var rounds: Int
    /// Messages per publish and per consume measurement.
    var messages: Int
    /// Body size of every message, in bytes.
    var messageSize: Int
    /// Unconfirmed publishes allowed at once (the C loop's window; the Swift side's concurrent callers).
    var publishWindow: Int
    /// `basic.qos` prefetch of both consumers.
    var prefetch: Int
    /// Concurrent clients of the order-transaction measurement, one run per entry.
    var transactionClients: [Int]
    /// How long each order-transaction figure runs in total (split across rounds), per side, in seconds.
    var transactionSeconds: Int
    /// Events of the relay-drain measurement's backlog, written `eventsPerTransaction` per transaction.
    var outboxEvents: Int
    var eventsPerTransaction: Int
    /// Order transactions (one event each) for the order-pipeline measurement.
    var orderEvents: Int
    /// Concurrent writers in the outbox throughput measurements.
    var outboxWriters: Int
    /// Events per second of the paced relay-lag measurement, how long it lasts, and how often the
    /// paced writer commits (each commit carries `lagRate × lagTick` events).
    var lagRate: Int
    var lagSeconds: Int
    var lagTick: Duration

    /// Events per commit of the paced writer.
    var lagEventsPerCommit: Int {
        max(1, Int((Double(lagRate) * Formatting.seconds(lagTick)).rounded()))
    }

    /// Which `pgbench` run the outbox end-to-end figure is compared with: the one with as many
    /// clients as there are writers, else the one with the most clients.
    var outboxBaselineClients: Int {
        transactionClients.contains(outboxWriters) ? outboxWriters : (transactionClients.max() ?? outboxWriters)
    }
}
