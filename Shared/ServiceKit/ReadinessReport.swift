/// The outcome of one round of readiness checks.
public struct ReadinessReport: Sendable, Hashable, Codable {
    /// One check's outcome.
    public struct CheckResult: Sendable, Hashable, Codable {
        public enum Status: String, Sendable, Hashable, Codable {
            case up, down
        }

        public var status: Status
        /// Why it is down (`nil` when up).
        public var detail: String?
        /// How long the check took, in milliseconds.
        public var durationMilliseconds: Int64

        public init(status: Status, detail: String? = nil, durationMilliseconds: Int64) {
            self.status = status
            self.detail = detail
            self.durationMilliseconds = durationMilliseconds
        }
    }

    /// Each check's result, by check name.
    public var checks: [String: CheckResult]

    public init(checks: [String: CheckResult]) {
        self.checks = checks
    }

    /// True when every check passed (also when there are none).
    public var isReady: Bool { checks.values.allSatisfy { $0.status == .up } }

    /// The names of the checks that failed, sorted.
    public var failing: [String] { checks.filter { $0.value.status == .down }.map(\.key).sorted() }
}
