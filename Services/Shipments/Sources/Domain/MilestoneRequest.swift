import Foundation

/// A milestone as sent to `POST /v1/shipments/{id}/events`, validated.
public struct MilestoneRequest: Sendable, Hashable, Codable {
    /// Units of one shipment line in a dispatch.
    public struct Line: Sendable, Hashable, Codable {
        public var lineNumber: Int
        public var quantity: Int

        public init(lineNumber: Int, quantity: Int) {
            self.lineNumber = lineNumber
            self.quantity = quantity
        }
    }

    /// The sender's id for this event: the same id sent again is the same event (idempotent).
    public var eventID: String
    public var kind: MilestoneKind
    public var occurredAt: Date
    public var carrier: String?
    public var trackingNumber: String?
    /// Why, for an exception.
    public var reason: String?
    /// For a dispatch: the units that left; omitted means everything still open.
    public var lines: [Line]?

    public init(
        eventID: String, kind: MilestoneKind, occurredAt: Date, carrier: String? = nil, trackingNumber: String? = nil,
        reason: String? = nil, lines: [Line]? = nil
    ) {
        self.eventID = eventID
        self.kind = kind
        self.occurredAt = occurredAt
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.reason = reason
        self.lines = lines
    }
}
