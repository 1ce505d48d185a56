/// The name of a kind of event, which is also its AMQP routing key: `<source>.<entity>.<event>.v<major>`.
///
/// Example: `orders.order.received.v1` — published by `orders`, about an `order`, saying it was `received`,
/// major version 1 of its schema.
///
/// The naming rule (checked by ``init(source:entity:event:majorVersion:)`` and ``init(parsing:)``, and
/// mirrored by the `type` pattern in `envelope.v1.schema.json`):
/// - `source`, `entity` and `event` are *kebab-case words*: `[a-z][a-z0-9]*(-[a-z0-9]+)*` — a lowercase
///   letter, then lowercase letters and digits, with single hyphens between runs (`line-added`, `stock2`).
///   No underscores, no uppercase, no leading, trailing or doubled hyphens; dots separate segments.
/// - the version segment is `v` followed by a positive integer without leading zeros, at most 9 digits.
/// - the whole key is at most 255 bytes (the AMQP short-string limit).
///
/// A breaking change to a payload is a new major version, i.e. a new event type; compatible additions
/// keep the version.
public struct EventType: Hashable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The publishing service, e.g. `orders`.
    public let source: String
    /// The kind of thing the event is about, e.g. `order`.
    public let entity: String
    /// What happened, in the past tense, e.g. `received`.
    public let event: String
    /// The major version of the payload schema (1 or more).
    public let majorVersion: Int

    /// The longest routing key AMQP accepts.
    public static let maximumLength = 255

    /// Creates an event type after checking every segment against the naming rule.
    public init(source: String, entity: String, event: String, majorVersion: Int) throws(EventTypeError) {
        for (segment, role) in [(source, EventTypeError.Segment.source), (entity, .entity), (event, .event)] {
            guard Self.isValidWord(segment) else { throw .invalidSegment(segment, role: role) }
        }
        guard (1...999_999_999).contains(majorVersion) else {
            throw .invalidVersion("v\(majorVersion)")
        }
        self.source = source
        self.entity = entity
        self.event = event
        self.majorVersion = majorVersion
        guard routingKey.utf8.count <= Self.maximumLength else {
            throw .tooLong(routingKey, length: routingKey.utf8.count)
        }
    }

    /// Parses a routing key such as `orders.order.received.v1`.
    public init(parsing routingKey: String) throws(EventTypeError) {
        guard routingKey.utf8.count <= Self.maximumLength else {
            throw .tooLong(routingKey, length: routingKey.utf8.count)
        }
        let segments = routingKey.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 4 else {
            throw .wrongNumberOfSegments(routingKey, found: segments.count)
        }
        let versionText = String(segments[3])
        guard let version = Self.parseVersion(versionText) else {
            throw .invalidVersion(versionText)
        }
        try self.init(
            source: String(segments[0]),
            entity: String(segments[1]),
            event: String(segments[2]),
            majorVersion: version
        )
    }

    /// Parses a routing key, or returns nil; ``init(parsing:)`` says why a name is rejected.
    public init?(_ description: String) {
        guard let parsed = try? EventType(parsing: description) else { return nil }
        self = parsed
    }

    /// `<source>.<entity>.<event>.v<major>`, the routing key and the envelope's `type`.
    public var routingKey: String {
        "\(source).\(entity).\(event).v\(majorVersion)"
    }

    public var description: String { routingKey }

    /// Whether a string is a kebab-case word as the naming rule defines it (also used for service names).
    public static func isValidWord(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        guard let first = bytes.first, isLowercaseLetter(first), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        var previous = first
        for byte in bytes.dropFirst() {
            if byte == UInt8(ascii: "-") {
                guard previous != UInt8(ascii: "-") else { return false }
            } else {
                guard isLowercaseLetter(byte) || isDigit(byte) else { return false }
            }
            previous = byte
        }
        return true
    }

    private static func parseVersion(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.count <= 10, bytes[0] == UInt8(ascii: "v"),
            bytes[1] != UInt8(ascii: "0"), bytes.dropFirst().allSatisfy(isDigit)
        else { return nil }
        return Int(text.dropFirst())
    }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

extension EventType: ExpressibleByStringLiteral {
    /// Lets payload types declare `static let eventType: EventType = "orders.order.received.v1"`.
    ///
    /// Only for literals written in source code: a malformed literal is a programming error and stops the
    /// process with the naming rule in the message (the first test touching the payload type shows it).
    /// Parse runtime input with ``init(parsing:)``, which throws instead.
    public init(stringLiteral value: String) {
        do {
            try self.init(parsing: value)
        } catch {
            preconditionFailure("invalid EventType literal: \(error)")
        }
    }
}

extension EventType: Codable {
    /// Decodes the routing-key string; a malformed name is a decoding error at its coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(EventTypeError) {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the routing-key string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(routingKey)
    }
}
