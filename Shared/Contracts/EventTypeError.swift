/// Why a name is not a valid ``EventType`` (routing key `<source>.<entity>.<event>.v<major>`).
public enum EventTypeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which part of the name a segment error is about.
    public enum Segment: String, Sendable, Equatable {
        case source, entity, event
    }

    /// The name does not have exactly four dot-separated segments.
    case wrongNumberOfSegments(String, found: Int)
    /// A word segment breaks the kebab-case rule `[a-z][a-z0-9]*(-[a-z0-9]+)*`.
    case invalidSegment(String, role: Segment)
    /// The last segment is not `v` plus a positive integer without leading zeros (at most 9 digits).
    case invalidVersion(String)
    /// The routing key is longer than AMQP's 255-byte limit.
    case tooLong(String, length: Int)

    public var description: String {
        switch self {
        case .wrongNumberOfSegments(let name, let found):
            "event type \"\(name)\" has \(found) dot-separated segment(s); expected 4: <source>.<entity>.<event>.v<major>, e.g. orders.order.received.v1"
        case .invalidSegment(let segment, let role):
            "event type \(role.rawValue) \"\(segment)\" is not a kebab-case word; use lowercase letters and digits, starting with a letter, with single hyphens between (e.g. line-added)"
        case .invalidVersion(let segment):
            "event type version \"\(segment)\" is invalid; expected v followed by a positive integer without leading zeros, e.g. v1"
        case .tooLong(let name, let length):
            "event type \"\(name.prefix(40))…\" is \(length) bytes; routing keys are limited to 255 bytes"
        }
    }
}
