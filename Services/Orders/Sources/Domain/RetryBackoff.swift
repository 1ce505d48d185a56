/// Exponential backoff with jitter: how long to wait before retrying a failed call.
///
/// Why: the ERP poster retries failed postings without hammering a struggling ERP, and jitter keeps many
/// retries from landing at the same instant. The delay after attempt `n` (counting from 1) is
/// `initial * multiplier^(n-1)`, capped at `maximum`, then moved by a uniformly random amount of up to
/// ±`jitterPercent` % of itself, and finally kept within `0...maximum`. Arithmetic is on whole attoseconds,
/// never floating point, and cannot overflow however large the attempt number.
public struct RetryBackoff: Sendable {
    /// Delay after the first failed attempt (before jitter).
    public let initial: Duration
    /// Largest delay ever returned.
    public let maximum: Duration
    /// Growth factor per attempt.
    public let multiplier: Int
    /// Jitter as a percentage of the un-jittered delay, applied in both directions.
    public let jitterPercent: Int

    /// - Precondition: `.zero <= initial`, `.zero <= maximum`, `multiplier >= 1`, `0 <= jitterPercent <= 100`;
    ///   validate configuration first. An `initial` above `maximum` is capped at `maximum`.
    public init(initial: Duration, maximum: Duration, multiplier: Int = 2, jitterPercent: Int = 20) {
        precondition(initial >= .zero, "RetryBackoff initial must not be negative, got \(initial)")
        precondition(maximum >= .zero, "RetryBackoff maximum must not be negative, got \(maximum)")
        precondition(multiplier >= 1, "RetryBackoff multiplier must be at least 1, got \(multiplier)")
        precondition((0...100).contains(jitterPercent), "RetryBackoff jitterPercent must be 0...100, got \(jitterPercent)")
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
        self.jitterPercent = jitterPercent
    }

    /// The delay before the next try, after `attempt` attempts have failed (1 for the first failure; smaller
    /// values are treated as 1). `random` supplies the jitter; pass a seeded generator for reproducible delays.
    public func delay(afterAttempt attempt: Int, random: inout some RandomNumberGenerator) -> Duration {
        let base = baseAttoseconds(afterAttempt: attempt)
        // base * jitterPercent / 100, split so the product cannot overflow.
        let percent = Int128(jitterPercent)
        let spread = base / 100 * percent + base % 100 * percent / 100
        let offset = spread > 0 ? Int128.random(in: -spread...spread, using: &random) : 0
        let jittered = min(max(base + offset, 0), maximum.attoseconds)
        return Duration(attoseconds: jittered)
    }

    /// `initial * multiplier^(attempt-1)` capped at `maximum`, in attoseconds.
    private func baseAttoseconds(afterAttempt attempt: Int) -> Int128 {
        let cap = maximum.attoseconds
        var base = min(initial.attoseconds, cap)
        guard base > 0, multiplier > 1 else { return base }
        var completedAttempts = 1
        while completedAttempts < attempt && base < cap {
            let (product, overflow) = base.multipliedReportingOverflow(by: Int128(multiplier))
            base = overflow ? cap : min(product, cap)
            completedAttempts += 1
        }
        return base
    }
}
