/// Percentiles of a set of latencies (nearest-rank).
struct LatencySummary: Sendable {
    let count: Int
    let p50: Duration
    let p99: Duration
    let maximum: Duration

    init?(_ samples: [Duration]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        func percentile(_ fraction: Double) -> Duration {
            let rank = Int((fraction * Double(sorted.count)).rounded(.up))
            return sorted[min(max(rank, 1), sorted.count) - 1]
        }
        count = sorted.count
        p50 = percentile(0.50)
        p99 = percentile(0.99)
        maximum = sorted[sorted.count - 1]
    }
}
