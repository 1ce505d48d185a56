import Foundation

/// The one JSON configuration every Wholesail module uses, so the same value always becomes the same bytes.
///
/// - Keys are sorted and slashes are not escaped: encoding a value twice gives identical bytes, which
///   keeps outbox rows, test fixtures and signatures comparable byte for byte.
/// - Dates are ISO 8601 in UTC with exactly three fractional digits, e.g. `2026-11-27T14:01:02.123Z`;
///   a date is rounded to the nearest millisecond when encoded.
/// - Decoding accepts RFC 3339 / ISO 8601 extended timestamps with or without fractional seconds and with
///   `Z` or a numeric offset (`+02:00` or `+0200`). A timestamp without an offset is rejected because it
///   names no instant. An invalid date is a `DecodingError.dataCorrupted` whose coding path names the field.
///
/// A factory rather than shared instances: `JSONEncoder`/`JSONDecoder` are classes with mutable settings.
public enum StableJSON {
    /// A new encoder with Wholesail's settings.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            let text: String
            do throws(ISO8601Timestamp.FormatError) {
                text = try ISO8601Timestamp.format(date)
            } catch {
                throw EncodingError.invalidValue(
                    date,
                    EncodingError.Context(codingPath: encoder.codingPath, debugDescription: error.description)
                )
            }
            try container.encode(text)
        }
        return encoder
    }

    /// A new decoder with Wholesail's settings.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            do throws(ISO8601Timestamp.ParseError) {
                return try ISO8601Timestamp.parse(text)
            } catch {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
            }
        }
        return decoder
    }

    /// Encodes a value: the bytes ``makeEncoder()`` writes, from a faster encoder of the same rules.
    public static func encode(_ value: some Encodable) throws -> Data {
        try StableJSONEncoder().encode(value)
    }

    /// Decodes a value with a fresh ``makeDecoder()``.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try makeDecoder().decode(type, from: data)
    }

    /// Formats a date the way the encoder does: `2026-11-27T14:01:02.123Z`.
    ///
    /// - Throws: ``ISO8601Timestamp/FormatError`` for dates outside the years 0000–9999.
    public static func string(from date: Date) throws(ISO8601Timestamp.FormatError) -> String {
        try ISO8601Timestamp.format(date)
    }

    /// Parses a timestamp the way the decoder does.
    public static func date(from text: String) throws(ISO8601Timestamp.ParseError) -> Date {
        try ISO8601Timestamp.parse(text)
    }

    /// The date rounded to the nearest millisecond, as it will read back after an encode/decode round trip.
    ///
    /// Envelopes store `occurredAt` this way so that a decoded envelope equals the one that was encoded.
    /// A date that cannot be encoded (not finite, or beyond ±285,000 years) is returned unchanged, so
    /// encoding it later fails with an `EncodingError` rather than silently becoming another date.
    public static func roundedToMilliseconds(_ date: Date) -> Date {
        guard date.timeIntervalSince1970.isFinite, abs(date.timeIntervalSince1970) < 9.0e12 else { return date }
        return Self.date(unixMilliseconds: ISO8601Timestamp.unixMilliseconds(of: date))
    }

    /// The date for a count of milliseconds since the Unix epoch; the one construction every path uses,
    /// so equal millisecond counts always give equal `Date` values.
    public static func date(unixMilliseconds: Int64) -> Date {
        let (seconds, milliseconds) = ISO8601Timestamp.floorDivide(unixMilliseconds, 1000)
        return ISO8601Timestamp.date(unixSeconds: seconds, nanoseconds: milliseconds * 1_000_000)
    }
}
