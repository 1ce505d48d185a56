import Contracts
import Foundation

/// One JSON object of a Shopify payload with its pointer, and the typed reads Shopify's payloads need.
///
/// The rules Shopify's JSON breaks naive decoders with live here once: ids beyond 2^53 read exactly as `Int64` (never
/// through `Double`), also from numeric strings; money only from decimal strings; `null` treated as absent; unknown
/// members ignored (Shopify adds fields in every API version).
struct ShopifyJSONObject {
    let members: [String: JSONValue]
    let pointer: String

    init(_ value: JSONValue, at pointer: String) throws(ShopifyPayloadError) {
        guard let members = value.objectValue else {
            throw ShopifyPayloadError(pointer: pointer, detail: "must be a JSON object, not \(value.typeName)")
        }
        self.members = members
        self.pointer = pointer
    }

    /// Parses a whole webhook body, which must be a JSON object.
    static func parse(_ body: some Collection<UInt8>) throws(ShopifyPayloadError) -> ShopifyJSONObject {
        let value: JSONValue
        do {
            value = try JSONValue(data: Data(body))
        } catch {
            throw ShopifyPayloadError(pointer: "", detail: "the body is not valid JSON (\(error))")
        }
        return try ShopifyJSONObject(value, at: "")
    }

    func path(_ key: String) -> String { pointer + "/" + JSONPointer.escape(key) }

    /// The member, or nil when it is missing or `null`.
    func value(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    private func missing(_ key: String) -> ShopifyPayloadError {
        ShopifyPayloadError(pointer: path(key), detail: "is required")
    }

    // MARK: Integers

    /// A JSON integer or a string of digits, exactly, within `Int64`.
    func optionalInteger(_ key: String) throws(ShopifyPayloadError) -> Int64? {
        guard let value = value(key) else { return nil }
        switch value {
        case .number(let number):
            // NSDecimalNumber's conversion reads the mantissa exactly (no Double) but truncates: the round trip refuses
            // a fraction or an out-of-range value. (Decimal's description is exact too, but a hundred times slower.)
            let integer = NSDecimalNumber(decimal: number).int64Value
            guard number.isFinite, Decimal(integer) == number else {
                throw ShopifyPayloadError(pointer: path(key), detail: "\(number) is not a whole number within 64-bit range")
            }
            return integer
        case .string(let text):
            let digits = text.hasPrefix("-") ? text.utf8.dropFirst() : text.utf8[...]
            guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let integer = Int64(text) else {
                throw ShopifyPayloadError(pointer: path(key), detail: "\"\(text)\" is not a whole number within 64-bit range")
            }
            return integer
        default:
            throw ShopifyPayloadError(pointer: path(key), detail: "must be a whole number, not \(value.typeName)")
        }
    }

    func requiredInteger(_ key: String) throws(ShopifyPayloadError) -> Int64 {
        guard let integer = try optionalInteger(key) else { throw missing(key) }
        return integer
    }

    /// A Shopify id: a positive 64-bit integer.
    func optionalIdentifier(_ key: String) throws(ShopifyPayloadError) -> Int64? {
        guard let identifier = try optionalInteger(key) else { return nil }
        guard identifier > 0 else {
            throw ShopifyPayloadError(pointer: path(key), detail: "\(identifier) is not a Shopify id (ids are positive)")
        }
        return identifier
    }

    func requiredIdentifier(_ key: String) throws(ShopifyPayloadError) -> Int64 {
        guard let identifier = try optionalIdentifier(key) else { throw missing(key) }
        return identifier
    }

    /// A count such as a quantity: a whole number from 0 to 10^12 (so it fits `Int` everywhere).
    func optionalCount(_ key: String) throws(ShopifyPayloadError) -> Int? {
        guard let integer = try optionalInteger(key) else { return nil }
        guard (0...1_000_000_000_000).contains(integer) else {
            throw ShopifyPayloadError(pointer: path(key), detail: "\(integer) is not a count from 0 to 10^12")
        }
        return Int(integer)
    }

    func requiredCount(_ key: String) throws(ShopifyPayloadError) -> Int {
        guard let count = try optionalCount(key) else { throw missing(key) }
        return count
    }

    // MARK: Text

    /// A string; with `blankIsAbsent`, an empty or all-space string reads as nil (Shopify sends `""` for unset fields).
    func optionalString(_ key: String, blankIsAbsent: Bool = true) throws(ShopifyPayloadError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else {
            throw ShopifyPayloadError(pointer: path(key), detail: "must be a string, not \(value.typeName)")
        }
        if blankIsAbsent, text.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return nil }
        return text
    }

    func requiredString(_ key: String) throws(ShopifyPayloadError) -> String {
        guard let text = try optionalString(key) else { throw missing(key) }
        return text
    }

    // MARK: Money, currencies, times

    /// A decimal string such as `"89.99"`, exactly; a JSON number is refused because it may already have lost digits.
    func optionalAmount(_ key: String) throws(ShopifyPayloadError) -> Decimal? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else {
            throw ShopifyPayloadError(
                pointer: path(key),
                detail: "money must be a decimal string such as \"89.99\", not a JSON \(value.typeName) (numbers lose precision)"
            )
        }
        guard let amount = Self.decimal(exactly: text) else {
            throw ShopifyPayloadError(pointer: path(key), detail: "\"\(text)\" is not a decimal amount such as \"89.99\"")
        }
        return amount
    }

    func requiredAmount(_ key: String) throws(ShopifyPayloadError) -> Decimal {
        guard let amount = try optionalAmount(key) else { throw missing(key) }
        return amount
    }

    func optionalCurrency(_ key: String) throws(ShopifyPayloadError) -> Currency? {
        guard let code = try optionalString(key) else { return nil }
        do {
            return try Currency(code: code)
        } catch {
            throw ShopifyPayloadError(pointer: path(key), detail: "\"\(code)\" is not an ISO 4217 currency code such as USD")
        }
    }

    func requiredCurrency(_ key: String) throws(ShopifyPayloadError) -> Currency {
        guard let currency = try optionalCurrency(key) else { throw missing(key) }
        return currency
    }

    /// An ISO 8601 time with offset, e.g. `2021-12-31T19:00:00-05:00`.
    func optionalTimestamp(_ key: String) throws(ShopifyPayloadError) -> Date? {
        guard let text = try optionalString(key) else { return nil }
        do {
            return try ISO8601Timestamp.parse(text)
        } catch {
            throw ShopifyPayloadError(pointer: path(key), detail: "\"\(text)\" is not an ISO 8601 time such as 2021-12-31T19:00:00-05:00")
        }
    }

    func requiredTimestamp(_ key: String) throws(ShopifyPayloadError) -> Date {
        guard let date = try optionalTimestamp(key) else { throw missing(key) }
        return date
    }

    // MARK: Structure

    func optionalObject(_ key: String) throws(ShopifyPayloadError) -> ShopifyJSONObject? {
        guard let value = value(key) else { return nil }
        return try ShopifyJSONObject(value, at: path(key))
    }

    /// An object member read by `read` (e.g. an address initialiser), or nil when it is missing or `null`.
    func optionalObject<Value>(
        _ key: String, _ read: (ShopifyJSONObject) throws(ShopifyPayloadError) -> Value
    ) throws(ShopifyPayloadError) -> Value? {
        guard let object = try optionalObject(key) else { return nil }
        return try read(object)
    }

    /// The elements of an array member with their pointers; a missing or `null` array reads as empty.
    func array(_ key: String) throws(ShopifyPayloadError) -> [(value: JSONValue, pointer: String)] {
        guard let value = value(key) else { return [] }
        guard let elements = value.arrayValue else {
            throw ShopifyPayloadError(pointer: path(key), detail: "must be an array, not \(value.typeName)")
        }
        let base = path(key)
        return elements.enumerated().map { index, element in (element, "\(base)/\(index)") }
    }

    /// Built once: creating a locale costs more than parsing the number.
    private static let posixLocale = Locale(identifier: "en_US_POSIX")

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 38 significant digits, as an exact `Decimal`.
    static func decimal(exactly text: String) -> Decimal? {
        let bytes = Array(text.utf8)
        var index = bytes.first == UInt8(ascii: "-") ? 1 : 0
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let integerStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        let integerCount = index - integerStart
        guard integerCount > 0, !(integerCount > 1 && bytes[integerStart] == UInt8(ascii: "0")) else { return nil }
        var fractionCount = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                index += 1
                fractionCount += 1
            }
            guard fractionCount > 0 else { return nil }
        }
        guard index == bytes.count, integerCount + fractionCount <= 38 else { return nil }
        return Decimal(string: text, locale: posixLocale)
    }
}
