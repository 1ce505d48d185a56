import Foundation

/// A milestone from a warehouse or carrier (`POST /v1/shipments/{id}/events`), idempotent by ``eventID``.
public struct MilestoneReport: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case picked
        case packed
        case dispatched
        case inTransit = "in_transit"
        case delivered
        case exception
    }

    /// Units of one shipment line in a dispatch.
    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: Int
        public var quantity: Int

        public init(lineNumber: Int, quantity: Int) {
            self.lineNumber = lineNumber
            self.quantity = quantity
        }
    }

    /// The sender's id: the same id again is answered with the first answer and changes nothing.
    public var eventID: String
    public var type: Kind
    public var occurredAt: Date
    public var carrier: String?
    public var trackingNumber: String?
    /// Required for an exception.
    public var reason: String?
    /// Dispatch only; nil dispatches everything still open.
    public var lines: [Line]?

    public init(eventID: String, type: Kind, occurredAt: Date = Date(), carrier: String? = nil, trackingNumber: String? = nil,
                reason: String? = nil, lines: [Line]? = nil) {
        self.eventID = eventID
        self.type = type
        self.occurredAt = occurredAt
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.reason = reason
        self.lines = lines
    }
}
