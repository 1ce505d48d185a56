import Foundation

/// Every envelope field except the payload: what a consumer reads first to decide which handler (and so
/// which payload type) a message is for, without knowing the payload type.
///
/// ```swift
/// let header = try EventEnvelopeHeader.decode(from: body)
/// switch header.eventType {
/// case OrderReceived.eventType:
///     let envelope = try header.decodeEnvelope(OrderReceived.self, from: body)
/// ...
/// }
/// ```
///
/// Decoding checks every field: `id` is a UUIDv7, `type` follows the ``EventType`` naming rule, `version`
/// equals the type's major version, `source` is a kebab-case word, `correlationID` is 1–255 bytes,
/// `traceparent` is a valid W3C value, `occurredAt` is an ISO 8601 timestamp. `causationID` may be absent
/// or `null`. Unknown keys (and the payload) are ignored here.
public struct EventEnvelopeHeader: Hashable, Sendable, EventCause {
    /// The event's id (UUIDv7); also the AMQP `message_id` and the inbox key.
    public let id: EventID
    /// The event type; its routing key is ``type``.
    public let eventType: EventType
    /// The service that published the event (a kebab-case word, e.g. `orders`).
    public let source: String
    /// When the event happened, to the millisecond.
    public let occurredAt: Date
    /// The business key shared by every event of one flow (e.g. the order id).
    public let correlationID: String
    /// The id of the event that caused this one; nil for events started by a request or a schedule.
    public let causationID: EventID?
    /// The W3C trace context; its text form is ``traceparent``.
    public let traceContext: TraceParent

    /// The longest correlation id: AMQP carries it in the `correlation_id` short string.
    public static let maximumCorrelationIDLength = 255

    /// Creates a header after checking `source` and `correlationID`.
    ///
    /// `occurredAt` is rounded to the millisecond, the precision the JSON form keeps, so that a decoded
    /// header equals the one that was encoded.
    public init(
        id: EventID,
        eventType: EventType,
        source: String,
        occurredAt: Date,
        correlationID: String,
        causationID: EventID?,
        traceContext: TraceParent
    ) throws(EventEnvelopeError) {
        guard EventType.isValidWord(source) else { throw .invalidSource(source) }
        try Self.checkCorrelationID(correlationID)
        self.init(
            unchecked: id, eventType: eventType, source: source, occurredAt: occurredAt,
            correlationID: correlationID, causationID: causationID, traceContext: traceContext
        )
    }

    init(
        unchecked id: EventID,
        eventType: EventType,
        source: String,
        occurredAt: Date,
        correlationID: String,
        causationID: EventID?,
        traceContext: TraceParent
    ) {
        self.id = id
        self.eventType = eventType
        self.source = source
        self.occurredAt = StableJSON.roundedToMilliseconds(occurredAt)
        self.correlationID = correlationID
        self.causationID = causationID
        self.traceContext = traceContext
    }

    /// The routing key, e.g. `orders.order.received.v1` (the JSON `type` field and the AMQP `type` property).
    public var type: String { eventType.routingKey }

    /// The payload's major version (the JSON `version` field).
    public var version: Int { eventType.majorVersion }

    /// The `traceparent` header value.
    public var traceparent: String { traceContext.description }

    /// Decodes only the header of an envelope, whatever its payload.
    public static func decode(from data: Data) throws -> EventEnvelopeHeader {
        try StableJSON.decode(EventEnvelopeHeader.self, from: data)
    }

    /// Decodes the full envelope from the same bytes once the payload type is known.
    ///
    /// - Throws: ``EventEnvelopeError/payloadTypeMismatch(expected:found:)`` when the payload type is
    ///   declared for a different event type than this header carries; `DecodingError` for a bad payload.
    public func decodeEnvelope<Payload: EventPayload>(
        _ payloadType: Payload.Type,
        from data: Data
    ) throws -> EventEnvelope<Payload> {
        guard Payload.eventType == eventType else {
            throw EventEnvelopeError.payloadTypeMismatch(expected: Payload.eventType, found: eventType)
        }
        return try EventEnvelope<Payload>.decode(from: data)
    }

    static func checkCorrelationID(_ correlationID: String) throws(EventEnvelopeError) {
        guard !correlationID.isEmpty, correlationID.utf8.count <= maximumCorrelationIDLength else {
            throw .invalidCorrelationID(correlationID)
        }
    }
}

extension EventEnvelopeHeader: Codable {
    enum CodingKeys: String, CodingKey {
        case id, type, version, source, occurredAt, correlationID, causationID, traceparent
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let eventType = try container.decode(EventType.self, forKey: .type)
        let version = try container.decode(Int.self, forKey: .version)
        guard version == eventType.majorVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription: "version \(version) does not match the major version of type \(eventType) (\(eventType.majorVersion))"
            )
        }
        let source = try container.decode(String.self, forKey: .source)
        guard EventType.isValidWord(source) else {
            throw DecodingError.dataCorruptedError(
                forKey: .source, in: container, debugDescription: EventEnvelopeError.invalidSource(source).description
            )
        }
        let correlationID = try container.decode(String.self, forKey: .correlationID)
        do throws(EventEnvelopeError) {
            try Self.checkCorrelationID(correlationID)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .correlationID, in: container, debugDescription: error.description)
        }
        self.init(
            unchecked: try container.decode(EventID.self, forKey: .id),
            eventType: eventType,
            source: source,
            occurredAt: try container.decode(Date.self, forKey: .occurredAt),
            correlationID: correlationID,
            causationID: try container.decodeIfPresent(EventID.self, forKey: .causationID),
            traceContext: try container.decode(TraceParent.self, forKey: .traceparent)
        )
    }

    /// Encodes the header fields; `causationID` is omitted when nil.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(eventType, forKey: .type)
        try container.encode(version, forKey: .version)
        try container.encode(source, forKey: .source)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(correlationID, forKey: .correlationID)
        try container.encodeIfPresent(causationID, forKey: .causationID)
        try container.encode(traceContext, forKey: .traceparent)
    }
}
