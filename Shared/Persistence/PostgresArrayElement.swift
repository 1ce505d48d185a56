import Foundation

/// A type whose Swift arrays map to a PostgreSQL value: a one-dimensional array literal for scalar types
/// (`[Int64]` → `int8[]`, `[String]` → `text[]`, `[UUID]` → `uuid[]`), or `bytea` for `[UInt8]`.
///
/// One protocol for both shapes because Swift allows a single conditional conformance of `Array` to
/// ``PostgresEncodable``.
public protocol PostgresArrayElement: Sendable {
    /// The text of a whole array of this element type.
    static func postgresArrayText(_ elements: [Self]) -> String
    /// Decodes a whole array of this element type, or returns `nil` when the text is not valid.
    static func postgresDecodeArray(_ text: String) -> [Self]?
}

extension PostgresArrayElement where Self: PostgresEncodable {
    /// A one-dimensional array literal in which every element is double-quoted, with `"` and `\` escaped.
    public static func postgresArrayText(_ elements: [Self]) -> String {
        var literal = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { literal.append(",") }
            guard let text = element.postgresText else {
                literal.append("NULL")
                continue
            }
            literal.append("\"")
            for character in text.unicodeScalars {
                if character == "\"" || character == "\\" { literal.unicodeScalars.append("\\") }
                literal.unicodeScalars.append(character)
            }
            literal.append("\"")
        }
        literal.append("}")
        return literal
    }
}

extension PostgresArrayElement where Self: PostgresDecodable {
    /// Parses PostgreSQL's output for a one-dimensional array; `NULL` elements are rejected unless `Self` is optional.
    public static func postgresDecodeArray(_ text: String) -> [Self]? {
        guard let items = PostgresArrayLiteral.parse(text) else { return nil }
        var elements: [Self] = []
        elements.reserveCapacity(items.count)
        for item in items {
            if let item {
                guard let element = Self(postgresText: item) else { return nil }
                elements.append(element)
            } else {
                guard let null = Self.postgresNullValue else { return nil }
                elements.append(null)
            }
        }
        return elements
    }
}

extension String: PostgresArrayElement {}
extension Int: PostgresArrayElement {}
extension Int16: PostgresArrayElement {}
extension Int32: PostgresArrayElement {}
extension Int64: PostgresArrayElement {}
extension Bool: PostgresArrayElement {}
extension Double: PostgresArrayElement {}
extension Decimal: PostgresArrayElement {}
extension UUID: PostgresArrayElement {}
extension Date: PostgresArrayElement {}
extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement & PostgresEncodable & PostgresDecodable {}

/// `[UInt8]` is `bytea` (hex format), not an array of numbers.
extension UInt8: PostgresArrayElement {
    public static func postgresArrayText(_ elements: [UInt8]) -> String {
        PostgresByteaFormat.format(elements)
    }

    public static func postgresDecodeArray(_ text: String) -> [UInt8]? {
        PostgresByteaFormat.parse(text)
    }
}
