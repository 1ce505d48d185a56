import Foundation

/// A channel API key as stored (never the key itself).
public struct APIKeyRecord: Sendable, Hashable {
    public var id: String
    public var channel: String
    public var label: String?
    public var createdAt: Date
    public var revokedAt: Date?
}
