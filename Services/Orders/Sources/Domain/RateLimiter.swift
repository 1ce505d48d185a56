/// Per-API-key rate limiting: one ``TokenBucket`` per key, shared by every request task.
///
/// Why an actor: many HTTP request tasks take tokens for the same keys concurrently. Buckets that are full are
/// forgotten from time to time (a full bucket behaves exactly like a new one, so forgetting it changes no
/// decision), which keeps memory proportional to the keys active recently rather than every key ever seen.
public actor RateLimiter {
    /// Whole tokens added per second to each key's bucket.
    public nonisolated let ratePerSecond: Int
    /// Most requests one key may make back to back.
    public nonisolated let burst: Int

    private let clock: ContinuousClock
    /// Full buckets are pruned after at least this many takes (and at least as many takes as tracked keys, so
    /// pruning costs O(1) per take amortised).
    private let pruneInterval: Int
    private var buckets: [String: TokenBucket] = [:]
    private var takesSincePrune = 0

    /// - Parameters:
    ///   - ratePerSecond: refill rate per key; must be positive.
    ///   - burst: bucket size per key; must be positive.
    ///   - clock: the clock `take(key:)` reads.
    ///   - pruneInterval: takes between sweeps for full buckets; must be positive.
    /// - Precondition: see ``TokenBucket/init(ratePerSecond:burst:now:)``; validate configuration first.
    public init(ratePerSecond: Int, burst: Int, clock: ContinuousClock = .init(), pruneInterval: Int = 1024) {
        // Fail at construction rather than on the first request.
        _ = TokenBucket(ratePerSecond: ratePerSecond, burst: burst, now: clock.now)
        precondition(pruneInterval > 0, "RateLimiter pruneInterval must be positive, got \(pruneInterval)")
        self.ratePerSecond = ratePerSecond
        self.burst = burst
        self.clock = clock
        self.pruneInterval = pruneInterval
    }

    /// Takes one token from `key`'s bucket now.
    public func take(key: String) -> TokenBucket.Decision {
        take(key: key, now: clock.now)
    }

    /// Takes one token from `key`'s bucket at `now` (explicit instants keep tests deterministic).
    public func take(key: String, now: ContinuousClock.Instant) -> TokenBucket.Decision {
        takesSincePrune += 1
        if takesSincePrune >= max(pruneInterval, buckets.count) {
            prune(now: now)
        }
        return buckets[key, default: TokenBucket(ratePerSecond: ratePerSecond, burst: burst, now: now)].take(now: now)
    }

    /// Forgets every bucket that is full at `now`.
    public func prune(now: ContinuousClock.Instant) {
        buckets = buckets.filter { _, bucket in !bucket.isFull(now: now) }
        takesSincePrune = 0
    }

    /// How many keys currently have a bucket (for metrics and tests).
    public var trackedKeyCount: Int { buckets.count }
}
