/// Latency percentiles of a load run (nearest-rank, over every sample), including p99.9.
///
/// ``LatencySummary`` stops at p99; an HTTP tail is judged by p99.9 and the maximum, and the samples here are
/// `UInt64` nanoseconds (cheap to record) rather than `Duration`s.
struct HTTPLoadLatencies: Sendable {
    let count: Int
    let p50: Duration
    let p99: Duration
    let p999: Duration
    let maximum: Duration

    /// Nil when there are no samples.
    init?(nanoseconds samples: [UInt64]) {
        guard !samples.isEmpty else { return nil }
        var sorted = samples
        sorted.sort()
        func percentile(_ fraction: Double) -> Duration {
            let rank = Int((fraction * Double(sorted.count)).rounded(.up))
            return .nanoseconds(Int64(sorted[min(max(rank, 1), sorted.count) - 1]))
        }
        count = sorted.count
        p50 = percentile(0.50)
        p99 = percentile(0.99)
        p999 = percentile(0.999)
        maximum = .nanoseconds(Int64(sorted[sorted.count - 1]))
    }
}
