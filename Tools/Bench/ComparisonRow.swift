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
    /// Whether the row is held to ``targetRatio``: true when the baseline does the same work. A baseline that does
    /// only part of it (a ceiling, such as the C loop beside the relay, which also reads and marks rows) is printed
    /// for scale, without a target.
    var isTargeted = true

    var ratio: Double { baseline > 0 ? swift / baseline : 0 }
    var passes: Bool { ratio >= Self.targetRatio }
}
