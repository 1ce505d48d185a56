import Foundation

/// How current a quote's snapshot is: when the database last confirmed its version, and whether that is
/// longer ago than the configured maximum age.
public struct SnapshotFreshness: Sendable, Hashable {
    public var verifiedAt: Date
    public var age: Duration
    public var stale: Bool
}
