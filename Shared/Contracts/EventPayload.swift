/// The body of one kind of event; its type declares which event type it is.
///
/// Declaring the event type on the payload lets ``EventEnvelope/init(payload:correlationID:causedBy:id:occurredAt:traceContext:)``
/// fill in `type`, `version` and `source`, so a publisher cannot pair a payload with the wrong routing key:
///
/// ```swift
/// struct OrderReceived: EventPayload {
///     static let eventType: EventType = "orders.order.received.v1"
///     var orderID: String
/// }
/// ```
///
/// Each event type should ship a JSON Schema named `<type>.schema.json` (see ``EventSchemas``).
public protocol EventPayload: Codable, Sendable {
    /// The event type (and so routing key) this payload is published under.
    static var eventType: EventType { get }
}
