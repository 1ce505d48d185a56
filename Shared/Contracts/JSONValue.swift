import Foundation

/// Any JSON value, for handling JSON whose shape is not a Swift type: schema validation, envelope
/// headers of unknown events, operator tooling.
///
/// Numbers are stored as `Decimal`, decoded from the number's digits (not via `Double`), so every JSON
/// number up to 38 significant digits — all of `Int64`, all money amounts, typical decimals such as `0.1`
/// — round-trips exactly. Numbers beyond `Decimal`'s range (magnitude above about 3.4e165 or more than 38
/// significant digits) cannot be represented; Foundation's decoder rejects or rounds those, so do not use
/// JSON numbers for such values (money is a string anyway). Equality is JSON equality: `1` equals `1.0`,
/// object key order does not matter, array order does.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses JSON bytes (strict RFC 8259: one value, UTF-8, no trailing data).
    public init(data: Data) throws {
        self = try JSONParser.parse(data)
    }

    /// Parses JSON bytes through `JSONDecoder`; the reference ``init(data:)`` is tested against.
    init(decodingWithFoundation data: Data) throws {
        self = try StableJSON.decode(JSONValue.self, from: data)
    }

    /// The JSON form of any encodable value (encoded with ``StableJSON``, dates included).
    public init(encoding value: some Encodable) throws {
        try self.init(data: StableJSON.encode(value))
    }

    /// The value as ``StableJSON`` bytes (sorted keys, so equal values give equal bytes).
    public func encoded() throws -> Data {
        try StableJSON.encode(self)
    }

    /// Decodes a typed value from this JSON.
    public func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try StableJSON.decode(type, from: encoded())
    }

    /// The integer this number is exactly (no fraction), if it is one within ±10^12 — for counts and quantities
    /// in request bodies; nil for other values.
    public var wholeNumberValue: Int? {
        guard case .number(let number) = self, number.isFinite, number.magnitude <= 1_000_000_000_000 else { return nil }
        var value = number
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        guard rounded == number else { return nil }
        return NSDecimalNumber(decimal: rounded).intValue
    }

    /// The member of an object, or nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }

    /// The number, if this is a number.
    public var numberValue: Decimal? {
        guard case .number(let value) = self else { return nil }
        return value
    }

    /// The boolean, if this is a boolean.
    public var boolValue: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        guard case .array(let value) = self else { return nil }
        return value
    }

    /// The members, if this is an object.
    public var objectValue: [String: JSONValue]? {
        guard case .object(let value) = self else { return nil }
        return value
    }

    /// The JSON Schema type name: `null`, `boolean`, `number`, `string`, `array` or `object`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Decimal.self) {
            self = .number(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value representable exactly (numbers are limited to Decimal's range)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .number(Decimal(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }

    /// A later duplicate key replaces an earlier one.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
