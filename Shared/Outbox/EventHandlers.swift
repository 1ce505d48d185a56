import Contracts
import Foundation

/// The event handlers of one service, by event type.
///
/// ```swift
/// var handlers = EventHandlers()
/// handlers.on(OrderReceived.self, handler: "reserve-stock") { event, context in
///     try await reservations.reserve(event.payload, in: context.transaction)
///     try await context.outbox.append(EventEnvelope(payload: confirmed, causedBy: event), in: context.transaction)
/// }
/// ```
public struct EventHandlers: Sendable {
    struct Entry: Sendable {
        let name: String
        let handle: @Sendable (EventEnvelopeHeader, Data, EventHandlerContext) async throws -> Void
    }

    private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// Registers `body` for events of `payloadType`; the name appears in logs, metrics and DLQ headers.
    /// Registering a second handler for one event type replaces the first.
    public mutating func on<Payload: EventPayload>(
        _ payloadType: Payload.Type,
        handler name: String,
        _ body: @escaping @Sendable (EventEnvelope<Payload>, EventHandlerContext) async throws -> Void
    ) {
        entries[Payload.eventType.routingKey] = Entry(name: name) { header, body_, context in
            let envelope: EventEnvelope<Payload>
            do {
                envelope = try header.decodeEnvelope(Payload.self, from: body_)
            } catch {
                throw EventRejection("payload is not a valid \(Payload.eventType): \(error)")
            }
            try await body(envelope, context)
        }
    }

    /// The event types handled: the inbox queue's bindings.
    public var eventTypes: [String] { entries.keys.sorted() }

    func entry(for eventType: String) -> Entry? { entries[eventType] }
}
