import Foundation

/// One event as it travels: identity, routing, correlation and trace metadata around a typed payload.
///
/// JSON form (keys sorted by ``StableJSON``):
/// ```json
/// {"causationID":"…","correlationID":"order-42","id":"0193…","occurredAt":"2026-11-27T14:01:02.123Z",
///  "payload":{…},"source":"orders","traceparent":"00-…-…-01","type":"orders.order.received.v1","version":1}
/// ```
/// `envelope.v1.schema.json` describes it; ``EventSchemas`` validates an envelope and its payload.
///
/// Build envelopes with ``init(payload:correlationID:causedBy:id:occurredAt:traceContext:)`` or
/// ``init(payload:causedBy:id:occurredAt:)``, which take the type, version and source from the payload
/// type and carry correlation, causation and trace over from the causing event.
public struct EventEnvelope<Payload: Codable & Sendable>: Sendable {
    /// Every field but the payload.
    public let header: EventEnvelopeHeader
    /// The event's data.
    public let payload: Payload

    /// Pairs a header with a payload as given (no check that the payload type belongs to the header's type).
    public init(header: EventEnvelopeHeader, payload: Payload) {
        self.header = header
        self.payload = payload
    }

    /// The event's id (UUIDv7).
    public var id: EventID { header.id }
    /// The routing key, e.g. `orders.order.received.v1`.
    public var type: String { header.type }
    /// The parsed event type.
    public var eventType: EventType { header.eventType }
    /// The payload's major version.
    public var version: Int { header.version }
    /// The publishing service.
    public var source: String { header.source }
    /// When the event happened, to the millisecond.
    public var occurredAt: Date { header.occurredAt }
    /// The business key of the flow (e.g. the order id).
    public var correlationID: String { header.correlationID }
    /// The event that caused this one, if any.
    public var causationID: EventID? { header.causationID }
    /// The `traceparent` header value.
    public var traceparent: String { header.traceparent }
    /// The parsed trace context.
    public var traceContext: TraceParent { header.traceContext }

    /// Decodes a typed envelope; fails if the bytes carry a different event type than `Payload` declares.
    public static func decode(from data: Data) throws -> EventEnvelope<Payload> {
        try StableJSON.decode(EventEnvelope<Payload>.self, from: data)
    }

    /// The envelope as ``StableJSON`` bytes.
    public func encoded() throws -> Data {
        try StableJSON.encode(self)
    }
}

extension EventEnvelope where Payload: EventPayload {
    /// Creates an envelope for a payload, deriving `type`, `version` and `source` from `Payload.eventType`.
    ///
    /// - Parameters:
    ///   - correlationID: the business key of the flow (e.g. the order id), 1–255 bytes.
    ///   - cause: the event being handled when this one is produced; gives `causationID` and continues its
    ///     trace. Nil for events started by a request or a schedule.
    ///   - traceContext: the trace to continue when there is no cause (e.g. the `traceparent` of an HTTP
    ///     request); a child span of it is used. Without cause or context a new trace starts.
    /// - Throws: ``EventEnvelopeError/invalidCorrelationID(_:)`` for an empty or over-long correlation id.
    public init(
        payload: Payload,
        correlationID: String,
        causedBy cause: (any EventCause)? = nil,
        id: EventID = EventID(),
        occurredAt: Date = Date(),
        traceContext: TraceParent? = nil
    ) throws(EventEnvelopeError) {
        try EventEnvelopeHeader.checkCorrelationID(correlationID)
        let trace = cause?.traceContext.child() ?? traceContext?.child() ?? TraceParent()
        self.init(
            header: EventEnvelopeHeader(
                unchecked: id,
                eventType: Payload.eventType,
                source: Payload.eventType.source,
                occurredAt: occurredAt,
                correlationID: correlationID,
                causationID: cause?.id,
                traceContext: trace
            ),
            payload: payload
        )
    }

    /// Creates an envelope for an event caused by another, inheriting its correlation id and trace.
    public init(payload: Payload, causedBy cause: any EventCause, id: EventID = EventID(), occurredAt: Date = Date()) {
        self.init(
            header: EventEnvelopeHeader(
                unchecked: id,
                eventType: Payload.eventType,
                source: Payload.eventType.source,
                occurredAt: occurredAt,
                correlationID: cause.correlationID,
                causationID: cause.id,
                traceContext: cause.traceContext.child()
            ),
            payload: payload
        )
    }
}

extension EventEnvelope: EventCause {}

extension EventEnvelope: Equatable where Payload: Equatable {}

extension EventEnvelope: Hashable where Payload: Hashable {}

extension EventEnvelope: Codable {
    private enum PayloadKey: String, CodingKey {
        case payload
    }

    /// Decodes and checks the header, then the payload. When `Payload` is an ``EventPayload``, the
    /// envelope's `type` must be `Payload.eventType`.
    public init(from decoder: any Decoder) throws {
        let header = try EventEnvelopeHeader(from: decoder)
        let container = try decoder.container(keyedBy: PayloadKey.self)
        if let declared = Payload.self as? any EventPayload.Type, declared.eventType != header.eventType {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath + [EventEnvelopeHeader.CodingKeys.type],
                    debugDescription: EventEnvelopeError.payloadTypeMismatch(
                        expected: declared.eventType, found: header.eventType
                    ).description
                )
            )
        }
        self.init(header: header, payload: try container.decode(Payload.self, forKey: .payload))
    }

    /// Encodes the header fields and `payload` into one object.
    public func encode(to encoder: any Encoder) throws {
        try header.encode(to: encoder)
        var container = encoder.container(keyedBy: PayloadKey.self)
        try container.encode(payload, forKey: .payload)
    }
}
