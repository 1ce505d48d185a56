/// A W3C Trace Context `traceparent` value: `00-<trace-id>-<parent-id>-<flags>`.
///
/// Every event carries one so a business flow (an order through pricing, inventory, finance, shipments)
/// can be followed across services and messages. An event caused by another event keeps the cause's
/// trace id and gets a new parent (span) id: see ``child(using:)``.
///
/// Accepted form (version `00` of the W3C Trace Context Level 1 recommendation): exactly 55 characters,
/// lowercase hexadecimal, `00-` + 32-digit trace id + `-` + 16-digit parent id + `-` + 2-digit flags;
/// an all-zero trace id or parent id is invalid. Other versions are rejected.
public struct TraceParent: Hashable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// 32 lowercase hexadecimal digits identifying the whole trace; never all zeros.
    public let traceID: String
    /// 16 lowercase hexadecimal digits identifying the span that sent this message; never all zeros.
    public let parentID: String
    /// The trace flags byte; bit 0 is "sampled".
    public let flags: UInt8

    /// Starts a new trace with random ids.
    public init(sampled: Bool = true) {
        var generator = SystemRandomNumberGenerator()
        self.init(sampled: sampled, using: &generator)
    }

    /// Starts a new trace with ids from the given random source.
    public init(sampled: Bool = true, using generator: inout some RandomNumberGenerator) {
        self.traceID = Self.randomHex(bytes: 16, using: &generator)
        self.parentID = Self.randomHex(bytes: 8, using: &generator)
        self.flags = sampled ? 0x01 : 0x00
    }

    /// Parses and validates a `traceparent` header value.
    public init(parsing text: String) throws(TraceParentError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 55 else { throw .malformed(text, reason: "it must be exactly 55 characters") }
        guard bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"), bytes[52] == UInt8(ascii: "-") else {
            throw .malformed(text, reason: "fields must be separated by '-' as 00-<32 hex>-<16 hex>-<2 hex>")
        }
        guard bytes[..<2].allSatisfy(Self.isLowercaseHex), bytes[3..<35].allSatisfy(Self.isLowercaseHex),
            bytes[36..<52].allSatisfy(Self.isLowercaseHex), bytes[53...].allSatisfy(Self.isLowercaseHex)
        else { throw .malformed(text, reason: "fields must be lowercase hexadecimal") }
        guard bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "0") else {
            throw .unsupportedVersion(String(decoding: bytes[..<2], as: UTF8.self))
        }
        let traceID = String(decoding: bytes[3..<35], as: UTF8.self)
        let parentID = String(decoding: bytes[36..<52], as: UTF8.self)
        guard traceID.utf8.contains(where: { $0 != UInt8(ascii: "0") }) else {
            throw .malformed(text, reason: "the trace id must not be all zeros")
        }
        guard parentID.utf8.contains(where: { $0 != UInt8(ascii: "0") }) else {
            throw .malformed(text, reason: "the parent id must not be all zeros")
        }
        guard let flags = UInt8(String(decoding: bytes[53...], as: UTF8.self), radix: 16) else {
            throw .malformed(text, reason: "the flags must be two hexadecimal digits")
        }
        self.traceID = traceID
        self.parentID = parentID
        self.flags = flags
    }

    /// Parses a header value, or returns nil; ``init(parsing:)`` says why a value is rejected.
    public init?(_ description: String) {
        guard let parsed = try? TraceParent(parsing: description) else { return nil }
        self = parsed
    }

    private init(traceID: String, parentID: String, flags: UInt8) {
        self.traceID = traceID
        self.parentID = parentID
        self.flags = flags
    }

    /// Whether the sender asked for this trace to be recorded (flags bit 0).
    public var isSampled: Bool { flags & 0x01 != 0 }

    /// The context for a new span in the same trace: same trace id and flags, new random parent id.
    public func child() -> TraceParent {
        var generator = SystemRandomNumberGenerator()
        return child(using: &generator)
    }

    /// ``child()`` with ids from the given random source.
    public func child(using generator: inout some RandomNumberGenerator) -> TraceParent {
        TraceParent(traceID: traceID, parentID: Self.randomHex(bytes: 8, using: &generator), flags: flags)
    }

    /// The header value, e.g. `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01`.
    public var description: String {
        let flagsHex = String(flags, radix: 16)
        return "00-\(traceID)-\(parentID)-\(flags < 16 ? "0" : "")\(flagsHex)"
    }

    private static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }

    /// Random bytes as lowercase hex, retried in the (2^-64 or less) case that they are all zero.
    private static func randomHex(bytes count: Int, using generator: inout some RandomNumberGenerator) -> String {
        let digits = Array("0123456789abcdef".utf8)
        while true {
            var hex: [UInt8] = []
            hex.reserveCapacity(count * 2)
            var allZero = true
            // Eight bytes per draw: the system generator makes one system call per draw, whatever its size.
            var random: UInt64 = 0
            for index in 0..<count {
                if index % 8 == 0 { random = generator.next() }
                let byte = UInt8(truncatingIfNeeded: random >> (UInt64(index % 8) * 8))
                if byte != 0 { allZero = false }
                hex.append(digits[Int(byte >> 4)])
                hex.append(digits[Int(byte & 0x0F)])
            }
            if !allZero { return String(decoding: hex, as: UTF8.self) }
        }
    }
}

extension TraceParent: Codable {
    /// Decodes the header string; an invalid value is a decoding error at its coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(TraceParentError) {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the header string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
