/// When a failed webhook attempt is tried again, and when the delivery is given up as `failed`.
///
/// Why: a receiver that is down for a while gets its events once it is back, without being hammered meanwhile,
/// and retries of many deliveries spread out instead of arriving together (jitter).
///
/// - Backoff after the `n`-th failed attempt (counting from 1): `initial * 2^(n-1)`, capped at `maximum`, moved by a
///   uniformly random amount of up to ±`jitterPercent` % of itself, and kept within `0...maximum`. Whole
///   attoseconds, never floating point; no overflow however many attempts.
/// - Cut-off: a delivery is retried only while the next attempt would start within `period` of its first attempt;
///   when `elapsed since the first attempt + backoff` is beyond `period`, it is marked `failed` instead (and can be
///   sent again by hand, which starts a new period).
public struct WebhookRetryPolicy: Sendable {
    /// What to do after a failed attempt.
    public enum Decision: Sendable, Hashable {
        /// Try again after this long.
        case retry(after: Duration)
        /// The retry period is used up: mark the delivery `failed`.
        case giveUp
    }

    /// Backoff after the first failure (before jitter).
    public let initial: Duration
    /// Longest backoff ever used.
    public let maximum: Duration
    /// How long after its first attempt a delivery may still be tried.
    public let period: Duration
    /// Jitter as a percentage of the un-jittered backoff, in both directions.
    public let jitterPercent: Int

    /// Values are clamped into range (negative durations to zero, `jitterPercent` into `0...100`); the
    /// configuration already validates them.
    public init(initial: Duration, maximum: Duration, period: Duration, jitterPercent: Int = 20) {
        self.initial = max(initial, .zero)
        self.maximum = max(maximum, .zero)
        self.period = max(period, .zero)
        self.jitterPercent = min(max(jitterPercent, 0), 100)
    }

    /// The policy the service's settings describe (`webhookRetryInitial`, `webhookRetryMaximum`, `webhookRetryPeriod`).
    public init(configuration: ShipmentsConfiguration) {
        self.init(initial: configuration.webhookRetryInitial, maximum: configuration.webhookRetryMaximum, period: configuration.webhookRetryPeriod)
    }

    /// The decision after attempt number `attempts` (1 for the first) failed, `elapsed` after the delivery's first
    /// attempt started. `random` supplies the jitter; pass a seeded generator for reproducible results.
    public func decision(afterFailedAttempt attempts: Int, elapsed: Duration, random: inout some RandomNumberGenerator) -> Decision {
        let delay = backoff(afterFailedAttempt: attempts, random: &random)
        // Attoseconds in Int128: a sum of two Durations cannot overflow there.
        if max(elapsed, .zero).attoseconds + delay.attoseconds > period.attoseconds { return .giveUp }
        return .retry(after: delay)
    }

    /// The backoff after attempt number `attempts` failed (values below 1 count as 1).
    public func backoff(afterFailedAttempt attempts: Int, random: inout some RandomNumberGenerator) -> Duration {
        let base = baseAttoseconds(afterFailedAttempt: attempts)
        // base * jitterPercent / 100, split so the product cannot overflow.
        let percent = Int128(jitterPercent)
        let spread = base / 100 * percent + base % 100 * percent / 100
        let offset = spread > 0 ? Int128.random(in: -spread...spread, using: &random) : 0
        return Duration(attoseconds: min(max(base + offset, 0), maximum.attoseconds))
    }

    /// `initial * 2^(attempts-1)` capped at `maximum`, in attoseconds.
    private func baseAttoseconds(afterFailedAttempt attempts: Int) -> Int128 {
        let cap = maximum.attoseconds
        var base = min(initial.attoseconds, cap)
        guard base > 0 else { return base }
        var doubled = 1
        while doubled < attempts && base < cap {
            let (product, overflow) = base.multipliedReportingOverflow(by: 2)
            base = overflow ? cap : min(product, cap)
            doubled += 1
        }
        return base
    }
}
