import Foundation

/// A Swift type a column value can be decoded into, from PostgreSQL's text output.
///
/// ``PostgresRow/decode(_:at:)`` turns a failed conversion into a ``PostgresError`` naming the column, the Swift type
/// and the text, so conformances only say whether the text is valid.
public protocol PostgresDecodable: Sendable {
    /// Creates the value from the text PostgreSQL sent, or returns `nil` when the text is not a valid representation.
    init?(postgresText: String)

    /// What SQL `NULL` decodes to: `nil` (the default) when `NULL` is not allowed for this type, `.some(nil)` for
    /// optionals.
    static var postgresNullValue: Self? { get }
}

extension PostgresDecodable {
    public static var postgresNullValue: Self? { nil }
}

extension String: PostgresDecodable {
    public init?(postgresText: String) { self = postgresText }
}

extension Int: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Int16: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Int32: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Int64: PostgresDecodable {
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Bool: PostgresDecodable {
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

/// For non-money metrics only: money is never a `Double`.
extension Double: PostgresDecodable {
    public init?(postgresText: String) {
        switch postgresText {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default: self.init(postgresText)
        }
    }
}

/// Decoded exactly from `numeric` text; text with more significant digits than `Decimal` holds (38) is rejected
/// instead of being rounded silently.
extension Decimal: PostgresDecodable {
    public init?(postgresText: String) {
        if postgresText == "NaN" {
            self = .nan
            return
        }
        guard let value = Decimal(string: postgresText, locale: Locale(identifier: "en_US_POSIX")),
            !value.isNaN,
            Self.canonicalDigits(of: value.description) == Self.canonicalDigits(of: postgresText)
        else { return nil }
        self = value
    }

    /// Sign, integer digits and fraction digits without insignificant zeros, to compare two spellings of a number.
    private static func canonicalDigits(of text: String) -> String? {
        var negative = false
        var body = Substring(text)
        if body.hasPrefix("-") {
            negative = true
            body = body.dropFirst()
        } else if body.hasPrefix("+") {
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            return nil
        }
        let integer = parts[0].drop(while: { $0 == "0" })
        var fraction = parts.count == 2 ? parts[1] : ""
        while fraction.last == "0" { fraction = fraction.dropLast() }
        if integer.isEmpty && fraction.isEmpty { return "0" }
        return (negative ? "-" : "") + integer + "." + fraction
    }
}

extension UUID: PostgresDecodable {
    public init?(postgresText: String) { self.init(uuidString: postgresText) }
}

/// Decoded from `timestamptz`/`timestamp`/`date` text (`2026-11-27 14:01:02.123456+00`); `timestamp` without a zone
/// is read as UTC, which is the session time zone.
extension Date: PostgresDecodable {
    public init?(postgresText: String) {
        guard let date = PostgresTimestampFormat.parse(postgresText) else { return nil }
        self = date
    }
}

/// Decoded from `bytea` hex output (`\x…`).
extension Data: PostgresDecodable {
    public init?(postgresText: String) {
        guard let bytes = PostgresByteaFormat.parse(postgresText) else { return nil }
        self = Data(bytes)
    }
}

/// SQL `NULL` decodes to `nil`.
extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init?(postgresText: String) {
        guard let wrapped = Wrapped(postgresText: postgresText) else { return nil }
        self = .some(wrapped)
    }

    public static var postgresNullValue: Self? { .some(.none) }
}

/// One-dimensional arrays (`{1,2,3}`), and `[UInt8]` from `bytea`.
extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public init?(postgresText: String) {
        guard let elements = Element.postgresDecodeArray(postgresText) else { return nil }
        self = elements
    }
}
