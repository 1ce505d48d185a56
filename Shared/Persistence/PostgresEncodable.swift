import Foundation

/// A Swift value that can be sent as a statement parameter (`$1`, `$2`, …).
///
/// Parameters travel in PostgreSQL's text format with no type OID: the server infers each parameter's type from the
/// statement, so write a cast (`$1::uuid`) where the context does not fix it.
public protocol PostgresEncodable: Sendable {
    /// The text PostgreSQL parses for this value, or `nil` to send SQL `NULL`.
    var postgresText: String? { get }
}

extension String: PostgresEncodable {
    public var postgresText: String? { self }
}

extension Substring: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int16: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int32: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Bool: PostgresEncodable {
    public var postgresText: String? { self ? "t" : "f" }
}

/// For non-money metrics only: money is never a `Double` (use `Decimal` or integer minor units).
extension Double: PostgresEncodable {
    public var postgresText: String? {
        if self.isNaN { return "NaN" }
        if self.isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return String(self)
    }
}

/// Sent as `numeric` text, exactly.
extension Decimal: PostgresEncodable {
    public var postgresText: String? {
        if self.isNaN { return "NaN" }
        return self.description
    }
}

extension UUID: PostgresEncodable {
    public var postgresText: String? { self.uuidString }
}

/// Sent as ISO 8601 UTC with microseconds (PostgreSQL's `timestamptz` precision).
extension Date: PostgresEncodable {
    public var postgresText: String? { PostgresTimestampFormat.format(self) }
}

/// Sent as `bytea` in hex format (`\x…`).
extension Data: PostgresEncodable {
    public var postgresText: String? { PostgresByteaFormat.format(self) }
}

/// `nil` is sent as SQL `NULL`.
extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? {
        switch self {
        case .none: nil
        case .some(let wrapped): wrapped.postgresText
        }
    }
}

/// Arrays of ``PostgresArrayElement`` values: a PostgreSQL array literal (`{"a","b"}`) so `WHERE id = ANY($1)`
/// works, except `[UInt8]`, which is `bytea`.
extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public var postgresText: String? { Element.postgresArrayText(self) }
}
