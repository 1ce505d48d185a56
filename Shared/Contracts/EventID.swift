import Foundation

/// The identity of one event: an RFC 9562 version-7 UUID.
///
/// Version 7 puts the Unix time in milliseconds in the top 48 bits, so ids sort by creation time and
/// PostgreSQL's b-tree indexes on them stay append-mostly. The 12-bit `rand_a` field carries the
/// sub-millisecond fraction of the clock (RFC 9562 §6.2, method 3: "replace leftmost random bits with
/// increased clock precision"), so ids created one after another in the same process sort in creation
/// order down to 1/4096 ms (about 244 ns). Ids created within the same 244 ns tick, or after the wall
/// clock stepped backwards, are ordered among themselves by their random bits. The remaining 62 bits are
/// random from `SystemRandomNumberGenerator`; there is no shared counter and no global mutable state.
///
/// The text form is the canonical lowercase `8-4-4-4-12` hexadecimal string; parsing accepts either case
/// but only version-7 UUIDs with the RFC 9562 variant.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The UUID value; its version nibble is always 7 and its variant bits are always `10`.
    public let uuid: UUID

    /// Creates a new id stamped with the current wall-clock time.
    public init() {
        var generator = SystemRandomNumberGenerator()
        self.init(unixNanoseconds: Self.currentUnixNanoseconds(), using: &generator)
    }

    /// Creates an id for a given instant and random source; tests use it to get reproducible ids.
    ///
    /// - Parameters:
    ///   - unixNanoseconds: nanoseconds since 1970-01-01T00:00:00Z. Only the low 48 bits of the millisecond
    ///     count are stored (enough until the year 10889).
    ///   - generator: the source of the 62 random bits.
    public init(unixNanoseconds: UInt64, using generator: inout some RandomNumberGenerator) {
        let milliseconds = unixNanoseconds / 1_000_000
        let nanosecondsWithinMillisecond = unixNanoseconds % 1_000_000
        // Method 3: the fraction of the millisecond scaled to 12 bits (0...4095).
        let subMillisecond = UInt16((nanosecondsWithinMillisecond * 4096) / 1_000_000)
        self.init(unixMilliseconds: milliseconds, subMillisecond: subMillisecond, randomBits: generator.next())
    }

    /// Wraps an existing UUID after checking it is a version-7 UUID with the RFC 9562 variant.
    public init(uuid: UUID) throws(EventIDError) {
        let bytes = uuid.uuid
        guard bytes.6 >> 4 == 7 else {
            throw .notVersion7(uuid.uuidString.lowercased(), foundVersion: Int(bytes.6 >> 4))
        }
        guard bytes.8 & 0xC0 == 0x80 else {
            throw .wrongVariant(uuid.uuidString.lowercased())
        }
        self.uuid = uuid
    }

    /// Parses the `8-4-4-4-12` hexadecimal text form (either case).
    public init(parsing text: String) throws(EventIDError) {
        guard text.utf8.count == 36, let uuid = UUID(uuidString: text) else {
            throw .malformed(text)
        }
        try self.init(uuid: uuid)
    }

    /// Parses the text form, or returns nil; `init(parsing:)` says why a string is rejected.
    public init?(_ description: String) {
        guard let parsed = try? EventID(parsing: description) else { return nil }
        self = parsed
    }

    init(unixMilliseconds: UInt64, subMillisecond: UInt16, randomBits: UInt64) {
        let ms = unixMilliseconds & 0xFFFF_FFFF_FFFF
        let randomA = subMillisecond & 0x0FFF
        self.uuid = UUID(uuid: (
            UInt8(truncatingIfNeeded: ms >> 40),
            UInt8(truncatingIfNeeded: ms >> 32),
            UInt8(truncatingIfNeeded: ms >> 24),
            UInt8(truncatingIfNeeded: ms >> 16),
            UInt8(truncatingIfNeeded: ms >> 8),
            UInt8(truncatingIfNeeded: ms),
            0x70 | UInt8(truncatingIfNeeded: randomA >> 8),
            UInt8(truncatingIfNeeded: randomA),
            0x80 | (UInt8(truncatingIfNeeded: randomBits >> 56) & 0x3F),
            UInt8(truncatingIfNeeded: randomBits >> 48),
            UInt8(truncatingIfNeeded: randomBits >> 40),
            UInt8(truncatingIfNeeded: randomBits >> 32),
            UInt8(truncatingIfNeeded: randomBits >> 24),
            UInt8(truncatingIfNeeded: randomBits >> 16),
            UInt8(truncatingIfNeeded: randomBits >> 8),
            UInt8(truncatingIfNeeded: randomBits)
        ))
    }

    /// Milliseconds since the Unix epoch at which the id was created (the 48-bit `unix_ts_ms` field).
    public var unixMilliseconds: UInt64 {
        let bytes = uuid.uuid
        return UInt64(bytes.0) << 40 | UInt64(bytes.1) << 32 | UInt64(bytes.2) << 24
            | UInt64(bytes.3) << 16 | UInt64(bytes.4) << 8 | UInt64(bytes.5)
    }

    /// The 12-bit `rand_a` field: the sub-millisecond fraction (in 1/4096 ms) for ids made by this type.
    public var subMillisecondFraction: UInt16 {
        let bytes = uuid.uuid
        return UInt16(bytes.6 & 0x0F) << 8 | UInt16(bytes.7)
    }

    /// When the id was created, to the millisecond (the precision RFC 9562 guarantees for any generator).
    public var createdAt: Date {
        StableJSON.date(unixMilliseconds: Int64(unixMilliseconds))
    }

    /// The canonical lowercase text form, e.g. `0193a5c2-7d3e-7abc-8def-0123456789ab`.
    public var description: String {
        uuid.uuidString.lowercased()
    }

    /// Orders ids by their bytes, which is creation order (to the sub-millisecond tick).
    public static func < (lhs: EventID, rhs: EventID) -> Bool {
        let left = lhs.uuid.uuid
        let right = rhs.uuid.uuid
        return withUnsafeBytes(of: left) { leftBytes in
            withUnsafeBytes(of: right) { rightBytes in
                leftBytes.lexicographicallyPrecedes(rightBytes)
            }
        }
    }

    static func currentUnixNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

extension EventID: Codable {
    /// Decodes the text form; a non-UUID or non-version-7 string is a decoding error at its coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(EventIDError) {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the canonical lowercase text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
