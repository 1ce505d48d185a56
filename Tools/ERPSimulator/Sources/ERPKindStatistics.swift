/// Counters for the posts the simulated ERP received, for one document kind or in total.
public struct ERPKindStatistics: Codable, Sendable, Hashable {
    /// Every `/erp/` post received, whatever its answer.
    public var requests: Int
    /// Documents recorded (first deliveries).
    public var documents: Int
    /// Repeats of a known idempotency key (answered with the original document).
    public var duplicates: Int
    /// Duplicates whose body differed from the first delivery's.
    public var conflicts: Int
    /// Posts failed on purpose by the `outage` or `errorRatePercent` knob.
    public var failedByKnob: Int
    /// Posts refused as malformed (missing key, body not a JSON object).
    public var invalid: Int

    public init(requests: Int = 0, documents: Int = 0, duplicates: Int = 0, conflicts: Int = 0, failedByKnob: Int = 0, invalid: Int = 0) {
        self.requests = requests
        self.documents = documents
        self.duplicates = duplicates
        self.conflicts = conflicts
        self.failedByKnob = failedByKnob
        self.invalid = invalid
    }

    /// The sum of two sets of counters.
    public static func + (left: ERPKindStatistics, right: ERPKindStatistics) -> ERPKindStatistics {
        ERPKindStatistics(
            requests: left.requests + right.requests,
            documents: left.documents + right.documents,
            duplicates: left.duplicates + right.duplicates,
            conflicts: left.conflicts + right.conflicts,
            failedByKnob: left.failedByKnob + right.failedByKnob,
            invalid: left.invalid + right.invalid
        )
    }
}
