import Foundation

/// ``StableJSON``'s encoder: the same bytes as `JSONEncoder` with Wholesail's settings, for a fraction of the CPU.
///
/// Every event, outbox row, idempotency fingerprint and HTTP answer is encoded, so encoding was a sixth of the
/// orders service's CPU at intake (measured with perf); `JSONEncoder` boxes every value, tests each one for
/// `Date`/`Data`/`URL`/`Decimal` by dynamic cast and keeps a dictionary per object. This encoder builds a small
/// tree of the values and writes it once, keys sorted.
///
/// Bytes are identical to `StableJSON.makeEncoder()` — stored fingerprints and signatures stay valid — which the
/// tests check against `JSONEncoder` for every contract sample and for generated values:
/// - object keys in UTF-8 byte order, a key written twice keeps its last value;
/// - strings escape `"`, `\` and control characters (`\b \t \n \f \r`, else `\u00xx`), nothing else (slashes stay);
/// - integers in decimal, `Decimal` as its `description`, `Date` as ``ISO8601Timestamp``, `Data` as Base64, `URL`
///   as its absolute string; a value that encodes nothing is `{}`.
///
/// Floating-point numbers, which Wholesail's contracts never use (money is integer minor units or `Decimal`), and a
/// top-level value that encodes nothing are handed to `JSONEncoder` itself, so their output and errors are its own.
struct StableJSONEncoder {
    /// Thrown inside when a value needs `JSONEncoder`'s own handling; never escapes ``encode(_:)``.
    struct NeedsFoundationEncoder: Error {}

    func encode(_ value: some Encodable) throws -> Data {
        do {
            let encoder = StableJSONValueEncoder(parent: nil, key: nil)
            guard let node = try encoder.box(value) else { throw NeedsFoundationEncoder() }
            var writer = StableJSONWriter()
            writer.write(node)
            return Data(writer.bytes)
        } catch is NeedsFoundationEncoder {
            return try StableJSON.makeEncoder().encode(value)
        }
    }
}

/// One value in the tree an encode builds.
enum StableJSONNode {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsignedInteger(UInt64)
    /// A number's text as written, e.g. a `Decimal`'s description.
    case number(String)
    case string(String)
    case object(StableJSONObject)
    case array(StableJSONArray)
    /// A super-encoder's value, read when the tree is written (it may be filled after it was handed out).
    case deferred(StableJSONValueEncoder)
}

/// An object's members in the order they were encoded; sorted when written.
final class StableJSONObject {
    var members: [(key: String, value: StableJSONNode)] = []
}

/// An array's elements.
final class StableJSONArray {
    var elements: [StableJSONNode] = []
}

/// The `Encoder` a value's `encode(to:)` sees; one per nested value.
final class StableJSONValueEncoder: Encoder {
    var value: StableJSONNode?
    private let parent: StableJSONValueEncoder?
    private let key: (any CodingKey)?

    init(parent: StableJSONValueEncoder?, key: (any CodingKey)?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: StableJSONValueEncoder? = self
        while let current = encoder, let key = current.key {
            path.append(key)
            encoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: StableJSONObject
        if case .object(let existing)? = value {
            object = existing
        } else {
            object = StableJSONObject()
            value = .object(object)
        }
        return KeyedEncodingContainer(StableJSONKeyedContainer<Key>(object: object, encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: StableJSONArray
        if case .array(let existing)? = value {
            array = existing
        } else {
            array = StableJSONArray()
            value = .array(array)
        }
        return StableJSONUnkeyedContainer(array: array, encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StableJSONSingleValueContainer(encoder: self)
    }

    /// The node of a nested value; nil when it encoded nothing.
    func box<Value: Encodable>(_ value: Value) throws -> StableJSONNode? {
        if let node = try special(value, at: nil) { return node }
        let encoder = StableJSONValueEncoder(parent: self, key: nil)
        try value.encode(to: encoder)
        return encoder.value
    }

    /// The node of a value nested under `key` (`{}` when it encoded nothing, as `JSONEncoder` writes it).
    func box<Value: Encodable>(_ value: Value, at key: any CodingKey) throws -> StableJSONNode {
        if let node = try special(value, at: key) { return node }
        let encoder = StableJSONValueEncoder(parent: self, key: key)
        try value.encode(to: encoder)
        return encoder.value ?? .object(StableJSONObject())
    }

    /// The node of a type `JSONEncoder` writes its own way rather than through its `encode(to:)`; nil for any other.
    /// Compared by metatype (a pointer comparison), not by dynamic cast, since this runs for every nested value; the
    /// bit casts are between identical types.
    func special<Value: Encodable>(_ value: Value, at key: (any CodingKey)?) throws -> StableJSONNode? {
        if Value.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if Value.self == Date.self { return .string(try format(unsafeBitCast(value, to: Date.self), at: key)) }
        if Value.self == Decimal.self { return .number(unsafeBitCast(value, to: Decimal.self).description) }
        if Value.self == Data.self { return .string(unsafeBitCast(value, to: Data.self).base64EncodedString()) }
        if Value.self == URL.self { return .string(unsafeBitCast(value, to: URL.self).absoluteString) }
        if Value.self == Double.self || Value.self == Float.self { throw StableJSONEncoder.NeedsFoundationEncoder() }
        return nil
    }

    private func format(_ date: Date, at key: (any CodingKey)? = nil) throws -> String {
        do throws(ISO8601Timestamp.FormatError) {
            return try ISO8601Timestamp.format(date)
        } catch {
            throw EncodingError.invalidValue(
                date,
                EncodingError.Context(codingPath: codingPath + (key.map { [$0] } ?? []), debugDescription: error.description)
            )
        }
    }
}

/// An array element's place in a coding path, as `JSONEncoder` names it.
struct StableJSONIndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String

    init(index: Int) {
        intValue = index
        stringValue = "Index \(index)"
    }

    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.init(index: intValue) }
}

struct StableJSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: StableJSONObject
    let encoder: StableJSONValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func append(_ node: StableJSONNode, _ key: Key) {
        object.members.append((key.stringValue, node))
    }

    mutating func encodeNil(forKey key: Key) throws { append(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { append(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { append(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { throw StableJSONEncoder.NeedsFoundationEncoder() }
    mutating func encode(_ value: Float, forKey key: Key) throws { throw StableJSONEncoder.NeedsFoundationEncoder() }
    mutating func encode(_ value: Int, forKey key: Key) throws { append(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { append(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { append(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { append(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { append(.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { append(.unsignedInteger(UInt64(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { append(.unsignedInteger(UInt64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { append(.unsignedInteger(UInt64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { append(.unsignedInteger(UInt64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { append(.unsignedInteger(value), key) }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        append(try encoder.box(value, at: key), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = StableJSONObject()
        append(.object(nested), key)
        return KeyedEncodingContainer(StableJSONKeyedContainer<NestedKey>(object: nested, encoder: StableJSONValueEncoder(parent: encoder, key: key)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = StableJSONArray()
        append(.array(nested), key)
        return StableJSONUnkeyedContainer(array: nested, encoder: StableJSONValueEncoder(parent: encoder, key: key))
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(named: "super")
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(named: key.stringValue, key: key)
    }

    private func superEncoder(named name: String, key: (any CodingKey)? = nil) -> any Encoder {
        let nested = StableJSONValueEncoder(parent: encoder, key: key ?? StableJSONSuperKey())
        object.members.append((name, .deferred(nested)))
        return nested
    }
}

/// The key `superEncoder()` writes under.
struct StableJSONSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { guard stringValue == "super" else { return nil } }
    init?(intValue: Int) { nil }
}

struct StableJSONUnkeyedContainer: UnkeyedEncodingContainer {
    let array: StableJSONArray
    let encoder: StableJSONValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.elements.count }

    private func append(_ node: StableJSONNode) {
        array.elements.append(node)
    }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { throw StableJSONEncoder.NeedsFoundationEncoder() }
    mutating func encode(_ value: Float) throws { throw StableJSONEncoder.NeedsFoundationEncoder() }
    mutating func encode(_ value: Int) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { append(.integer(value)) }
    mutating func encode(_ value: UInt) throws { append(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { append(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { append(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { append(.unsignedInteger(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { append(.unsignedInteger(value)) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        append(try encoder.box(value, at: StableJSONIndexKey(index: count)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = StableJSONObject()
        let key = StableJSONIndexKey(index: count)
        append(.object(nested))
        return KeyedEncodingContainer(StableJSONKeyedContainer<NestedKey>(object: nested, encoder: StableJSONValueEncoder(parent: encoder, key: key)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = StableJSONArray()
        let key = StableJSONIndexKey(index: count)
        append(.array(nested))
        return StableJSONUnkeyedContainer(array: nested, encoder: StableJSONValueEncoder(parent: encoder, key: key))
    }

    mutating func superEncoder() -> any Encoder {
        let nested = StableJSONValueEncoder(parent: encoder, key: StableJSONIndexKey(index: count))
        append(.deferred(nested))
        return nested
    }
}

struct StableJSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: StableJSONValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.value = .null }
    mutating func encode(_ value: Bool) throws { encoder.value = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.value = .string(value) }
    mutating func encode(_ value: Double) throws { throw StableJSONEncoder.NeedsFoundationEncoder() }
    mutating func encode(_ value: Float) throws { throw StableJSONEncoder.NeedsFoundationEncoder() }
    mutating func encode(_ value: Int) throws { encoder.value = .integer(Int64(value)) }
    mutating func encode(_ value: Int8) throws { encoder.value = .integer(Int64(value)) }
    mutating func encode(_ value: Int16) throws { encoder.value = .integer(Int64(value)) }
    mutating func encode(_ value: Int32) throws { encoder.value = .integer(Int64(value)) }
    mutating func encode(_ value: Int64) throws { encoder.value = .integer(value) }
    mutating func encode(_ value: UInt) throws { encoder.value = .unsignedInteger(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.value = .unsignedInteger(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.value = .unsignedInteger(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.value = .unsignedInteger(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.value = .unsignedInteger(value) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        // The value takes this encoder's place: its own containers land here, as with `JSONEncoder`.
        if let node = try encoder.special(value, at: nil) {
            encoder.value = node
        } else {
            try value.encode(to: encoder)
        }
    }
}
