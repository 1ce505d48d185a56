/// An import refused as a whole: nothing was written. Lists the first ``maximumReported`` issues and
/// counts them all.
public struct ImportRejected: Error, Sendable, CustomStringConvertible {
    /// Enough to fix a file in one round without flooding the response.
    public static let maximumReported = 100

    public var issues: [ImportIssue]
    public var totalIssues: Int

    public init(issues: [ImportIssue]) {
        self.totalIssues = issues.count
        self.issues = Array(issues.sorted { ($0.row ?? 0, $0.field) < ($1.row ?? 0, $1.field) }.prefix(Self.maximumReported))
    }

    public var description: String {
        let shown = issues.map(\.description).joined(separator: "; ")
        return totalIssues > issues.count ? "\(totalIssues) problems, first \(issues.count): \(shown)" : shown
    }
}
