import Messaging

/// How a service's outbox relay behaves.
public struct OutboxRelayConfiguration: Sendable {
    /// The service's schema (holds `outbox` and `inbox`).
    public var schema: String
    /// Where events are published; the routing key is the event type.
    public var exchange: String
    /// Rows read and published (pipelined) per round.
    public var batchSize: Int
    /// Batches published and awaiting the broker's confirms at once.
    public var batchesInFlight: Int
    /// How often the relay looks for work when no `NOTIFY` arrives (the fallback for missed notifications).
    public var pollInterval: Duration
    /// How long a standby instance waits before trying again to become the leader.
    public var leaderRetryInterval: Duration
    /// Published rows are deleted after this long.
    public var retention: Duration
    /// Inbox rows are deleted after this long; keep it far beyond any redelivery or replay window.
    public var inboxRetention: Duration
    /// How often the purge runs, and how many rows one purge statement deletes.
    public var purgeInterval: Duration
    public var purgeBatchSize: Int
    /// On shutdown, how long the relay keeps publishing what is left before it stops.
    public var shutdownFlushTimeout: Duration

    public init(
        schema: String,
        exchange: String = ServiceTopology.eventsExchange,
        batchSize: Int = 500,
        batchesInFlight: Int = 3,
        pollInterval: Duration = .seconds(1),
        leaderRetryInterval: Duration = .seconds(2),
        retention: Duration = .seconds(24 * 3600),
        inboxRetention: Duration = .seconds(14 * 24 * 3600),
        purgeInterval: Duration = .seconds(60),
        purgeBatchSize: Int = 1000,
        shutdownFlushTimeout: Duration = .seconds(5)
    ) {
        self.schema = schema
        self.exchange = exchange
        self.batchSize = batchSize
        self.batchesInFlight = batchesInFlight
        self.pollInterval = pollInterval
        self.leaderRetryInterval = leaderRetryInterval
        self.retention = retention
        self.inboxRetention = inboxRetention
        self.purgeInterval = purgeInterval
        self.purgeBatchSize = purgeBatchSize
        self.shutdownFlushTimeout = shutdownFlushTimeout
    }
}
