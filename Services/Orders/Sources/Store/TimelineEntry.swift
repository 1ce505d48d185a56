import Foundation

/// One line of an order's timeline: a state it reached, when, and what caused it.
public struct TimelineEntry: Codable, Sendable, Hashable {
    public var state: String
    public var at: Date
    /// The event that caused it (absent for a request or a timer).
    public var eventID: String?
    public var detail: String?

    public init(state: String, at: Date, eventID: String? = nil, detail: String? = nil) {
        self.state = state
        self.at = at
        self.eventID = eventID
        self.detail = detail
    }
}
