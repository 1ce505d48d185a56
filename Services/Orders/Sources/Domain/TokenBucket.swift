/// A token bucket for one channel API key: up to `burst` requests at once, then `ratePerSecond` on average.
///
/// Why: a flooding channel gets `429 Too Many Requests` with a `Retry-After` instead of slowing intake for
/// every other channel. The bucket is a pure value; callers pass the current instant, which keeps it exact and
/// testable. Tokens refill continuously and are counted in billionths of a token with integer arithmetic, so
/// `retryAfter` is exact to the nanosecond and no fraction of refill time is ever lost or invented.
public struct TokenBucket: Sendable {
    /// Whether a request may proceed now.
    public enum Decision: Sendable, Equatable {
        /// A token was taken; serve the request.
        case allowed
        /// The bucket is empty; one whole token will be available after `retryAfter`.
        case limited(retryAfter: Duration)
    }

    /// Whole tokens added per second.
    public let ratePerSecond: Int
    /// Most tokens the bucket holds, i.e. the largest burst served back to back.
    public let burst: Int

    /// Billionths of a token per whole token. Refilling `n` nanoseconds adds `n * ratePerSecond` of them.
    private static let partsPerToken = 1_000_000_000

    /// Tokens held, in billionths of a token; between 0 and `capacity`.
    private var parts: Int
    /// The instant up to which refill has been credited. Lags the last `now` by less than a nanosecond while
    /// the bucket is not full, so sub-nanosecond remainders carry over to the next refill.
    private var refilledThrough: ContinuousClock.Instant

    /// A full bucket.
    ///
    /// - Precondition: `ratePerSecond > 0` and `0 < burst <= Int.max / 1_000_000_000`; validate configuration
    ///   before constructing (these are programmer or configuration errors, not request input).
    public init(ratePerSecond: Int, burst: Int, now: ContinuousClock.Instant) {
        precondition(ratePerSecond > 0, "TokenBucket ratePerSecond must be positive, got \(ratePerSecond)")
        precondition(
            burst > 0 && burst <= Int.max / Self.partsPerToken,
            "TokenBucket burst must be between 1 and \(Int.max / Self.partsPerToken), got \(burst)"
        )
        self.ratePerSecond = ratePerSecond
        self.burst = burst
        self.parts = burst * Self.partsPerToken
        self.refilledThrough = now
    }

    /// Takes one token if a whole one is available at `now`; otherwise says how long until one is.
    public mutating func take(now: ContinuousClock.Instant) -> Decision {
        refill(now: now)
        if parts >= Self.partsPerToken {
            parts -= Self.partsPerToken
            return .allowed
        }
        let nanosecondsUntilToken = Self.nanosecondsToAccumulate(Self.partsPerToken - parts, ratePerSecond: ratePerSecond)
        let tokenAvailableAt = refilledThrough + .nanoseconds(nanosecondsUntilToken)
        return .limited(retryAfter: tokenAvailableAt - now)
    }

    /// Whole tokens available at `now`, without taking any.
    public func availableTokens(now: ContinuousClock.Instant) -> Int {
        var copy = self
        copy.refill(now: now)
        return copy.parts / Self.partsPerToken
    }

    /// Whether the bucket is full at `now`. A full bucket behaves exactly like a new one, so a rate limiter may
    /// forget it and recreate it later without changing any decision.
    public func isFull(now: ContinuousClock.Instant) -> Bool {
        var copy = self
        copy.refill(now: now)
        return copy.parts == copy.capacity
    }

    // MARK: - Internals

    private var capacity: Int { burst * Self.partsPerToken }

    /// Credits the refill for the whole nanoseconds between `refilledThrough` and `now`, capped at `capacity`.
    /// An instant earlier than `refilledThrough` credits nothing.
    private mutating func refill(now: ContinuousClock.Instant) {
        let missingParts = capacity - parts
        guard missingParts > 0 else {
            refilledThrough = max(refilledThrough, now)
            return
        }
        guard now > refilledThrough else { return }
        let elapsed = now - refilledThrough
        let nanosecondsToFill = Self.nanosecondsToAccumulate(missingParts, ratePerSecond: ratePerSecond)
        if elapsed >= .nanoseconds(nanosecondsToFill) {
            parts = capacity
            refilledThrough = now
            return
        }
        // elapsed < nanosecondsToFill, so both products below stay under missingParts: no overflow.
        let (seconds, attoseconds) = elapsed.components
        let wholeNanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        parts += wholeNanoseconds * ratePerSecond
        refilledThrough += .nanoseconds(wholeNanoseconds)
    }

    /// Nanoseconds of refill needed to gain `missingParts`, rounded up; computed without overflow.
    private static func nanosecondsToAccumulate(_ missingParts: Int, ratePerSecond: Int) -> Int {
        let (quotient, remainder) = missingParts.quotientAndRemainder(dividingBy: ratePerSecond)
        return remainder == 0 ? quotient : quotient + 1
    }
}
