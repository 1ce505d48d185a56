import Foundation

/// A channel's webhook subscription as the API shows it. The secret is never shown: only its owner knows it.
public struct WebhookSubscription: Codable, Sendable, Hashable {
    /// `whs_` and 32 hex digits.
    public var id: String
    /// Where events are POSTed.
    public var url: String
    /// The event types sent (`"*"` for every shipments event).
    public var eventTypes: [String]
    /// False once removed: nothing more is sent to it.
    public var active: Bool
    public var createdAt: Date

    public init(id: String, url: String, eventTypes: [String], active: Bool, createdAt: Date) {
        self.id = id
        self.url = url
        self.eventTypes = eventTypes
        self.active = active
        self.createdAt = createdAt
    }
}
