/// Why an envelope cannot be built or read as the requested type.
public enum EventEnvelopeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source is not a kebab-case service name.
    case invalidSource(String)
    /// The correlation id is empty or longer than 255 bytes.
    case invalidCorrelationID(String)
    /// The bytes carry a different event type than the payload type declares.
    case payloadTypeMismatch(expected: EventType, found: EventType)

    public var description: String {
        switch self {
        case .invalidSource(let source):
            "event source \"\(source)\" is not a kebab-case service name such as orders or shipments"
        case .invalidCorrelationID(let correlationID):
            correlationID.isEmpty
                ? "correlation id is empty; pass the business key of the flow (e.g. the order id)"
                : "correlation id \"\(correlationID.prefix(40))…\" is \(correlationID.utf8.count) bytes; AMQP allows at most 255"
        case .payloadTypeMismatch(let expected, let found):
            "envelope carries event type \(found) but the payload type is declared for \(expected); dispatch on EventEnvelopeHeader.eventType first"
        }
    }
}
