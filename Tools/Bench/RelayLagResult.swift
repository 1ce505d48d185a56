/// The relay-lag measurement: row `created_at` → broker confirm, at a steady write rate.
struct RelayLagResult: Sendable {
    /// The target for the 99th percentile.
    static let targetP99: Duration = .milliseconds(50)

    var requestedRate: Int
    var achievedRate: Double
    var seconds: Int
    /// Events the paced writer committed per transaction.
    var eventsPerCommit: Int
    var lag: LatencySummary

    var passes: Bool { lag.p99 < Self.targetP99 }
}
