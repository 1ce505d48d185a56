/// One line of the table: a Swift figure beside the baseline that did the same work.
struct ComparisonRow: Sendable {
    /// The target every Swift figure is held to: at least this share of its baseline.
    static let targetRatio = 0.8

    var figure: String
    var swift: Double
    var baseline: Double
    /// e.g. `msg/s`, `tx/s`, `events/s`.
    var unit: String
    /// What produced the baseline, e.g. `C rabbitmq-c`, `pgbench`.
    var baselineSource: String

    var ratio: Double { baseline > 0 ? swift / baseline : 0 }
    var passes: Bool { ratio >= Self.targetRatio }
}
