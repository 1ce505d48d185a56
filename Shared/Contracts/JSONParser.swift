import Foundation

/// A strict RFC 8259 parser from bytes to ``JSONValue``.
///
/// Every request body and every consumed event is parsed into a ``JSONValue`` before it is validated, so this is on
/// every hot path; going through `JSONDecoder` and `Codable` cost several times more. It gives the values
/// `JSONDecoder` gives (tests compare the two), numbers as the same exact `Decimal` built from the digits, and is
/// stricter in one respect: trailing commas, which `JSONDecoder` lets through, are refused as RFC 8259 says.
struct JSONParser {
    /// Why the bytes are not JSON, and where.
    struct SyntaxError: Error, CustomStringConvertible {
        var reason: String
        var offset: Int

        var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Deeper nesting is refused rather than risking the stack (JSONDecoder's limit too).
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses one JSON value filling the whole input (whitespace around it allowed).
    static func parse(_ data: Data) throws(SyntaxError) -> JSONValue {
        let result: Result<JSONValue, SyntaxError> = data.withUnsafeBytes { raw in
            var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self))
            do throws(SyntaxError) {
                parser.skipWhitespace()
                let value = try parser.parseValue(depth: 0)
                parser.skipWhitespace()
                guard parser.position == parser.bytes.count else { throw parser.error("unexpected data after the value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func error(_ reason: String) -> SyntaxError {
        SyntaxError(reason: reason, offset: self.position)
    }

    private var current: UInt8? {
        self.position < self.bytes.count ? self.bytes[self.position] : nil
    }

    private mutating func skipWhitespace() {
        while self.position < self.bytes.count {
            switch self.bytes[self.position] {
            case 0x20, 0x09, 0x0A, 0x0D: self.position += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONValue {
        guard let byte = self.current else { throw self.error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return try self.parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try self.parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try self.parseString())
        case UInt8(ascii: "t"): try self.expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try self.expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try self.expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try self.parseNumber())
        default: throw self.error("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(SyntaxError) {
        let count = literal.utf8CodeUnitCount
        guard self.position + count <= self.bytes.count else { throw self.error("unexpected end of input") }
        let start = literal.utf8Start
        for offset in 0..<count where self.bytes[self.position + offset] != start[offset] {
            throw self.error("invalid literal")
        }
        self.position += count
    }

    private mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw self.error("nested too deeply") }
        self.position += 1
        var members: [String: JSONValue] = [:]
        self.skipWhitespace()
        if self.current == UInt8(ascii: "}") {
            self.position += 1
            return .object(members)
        }
        while true {
            guard self.current == UInt8(ascii: "\"") else { throw self.error("expected a member name in quotes") }
            let key = try self.parseString()
            self.skipWhitespace()
            guard self.current == UInt8(ascii: ":") else { throw self.error("expected ':' after a member name") }
            self.position += 1
            self.skipWhitespace()
            members[key] = try self.parseValue(depth: depth)
            self.skipWhitespace()
            switch self.current {
            case UInt8(ascii: ","):
                self.position += 1
                self.skipWhitespace()
            case UInt8(ascii: "}"):
                self.position += 1
                return .object(members)
            default:
                throw self.error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw self.error("nested too deeply") }
        self.position += 1
        var elements: [JSONValue] = []
        self.skipWhitespace()
        if self.current == UInt8(ascii: "]") {
            self.position += 1
            return .array(elements)
        }
        while true {
            elements.append(try self.parseValue(depth: depth))
            self.skipWhitespace()
            switch self.current {
            case UInt8(ascii: ","):
                self.position += 1
                self.skipWhitespace()
            case UInt8(ascii: "]"):
                self.position += 1
                return .array(elements)
            default:
                throw self.error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        self.position += 1
        let start = self.position
        // Fast path: no escapes — the bytes between the quotes are the string (if valid UTF-8).
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            if byte == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeBufferPointer(rebasing: self.bytes[start..<self.position]), as: UTF8.self)
                guard let text else { throw SyntaxError(reason: "a string is not valid UTF-8", offset: start) }
                self.position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw self.error("a control character inside a string must be escaped") }
            self.position += 1
        }
        var scalars = Array(self.bytes[start..<self.position])
        while self.position < self.bytes.count {
            let byte = self.bytes[self.position]
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: scalars, as: UTF8.self) else {
                    throw SyntaxError(reason: "a string is not valid UTF-8", offset: start)
                }
                self.position += 1
                return text
            case UInt8(ascii: "\\"):
                self.position += 1
                guard let escaped = self.current else { throw self.error("unexpected end of input in an escape") }
                self.position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"): scalars.append(contentsOf: try self.parseUnicodeEscape())
                default: throw self.error("invalid escape")
                }
            default:
                guard byte >= 0x20 else { throw self.error("a control character inside a string must be escaped") }
                scalars.append(byte)
                self.position += 1
            }
        }
        throw self.error("unterminated string")
    }

    /// After `\u`: four hex digits, or a surrogate pair written as two escapes; returns the scalar's UTF-8 bytes.
    private mutating func parseUnicodeEscape() throws(SyntaxError) -> [UInt8] {
        let first = try self.parseHex4()
        var value = UInt32(first)
        if (0xD800...0xDBFF).contains(first) {
            guard self.position + 1 < self.bytes.count, self.bytes[self.position] == UInt8(ascii: "\\"),
                  self.bytes[self.position + 1] == UInt8(ascii: "u")
            else { throw self.error("a high surrogate must be followed by a low surrogate escape") }
            self.position += 2
            let second = try self.parseHex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw self.error("invalid low surrogate") }
            value = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw self.error("a low surrogate without a high surrogate")
        }
        guard let scalar = Unicode.Scalar(value) else { throw self.error("invalid Unicode escape") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func parseHex4() throws(SyntaxError) -> UInt16 {
        guard self.position + 4 <= self.bytes.count else { throw self.error("unexpected end of input in a \\u escape") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw self.error("invalid hex digit in a \\u escape")
            }
            value = value << 4 | UInt16(digit)
            self.position += 1
        }
        return value
    }

    /// RFC 8259 number syntax; the value built exactly from its digits.
    private mutating func parseNumber() throws(SyntaxError) -> Decimal {
        let start = self.position
        let isNegative = self.current == UInt8(ascii: "-")
        if isNegative { self.position += 1 }
        // Up to 19 significant digits fit a UInt64 exactly; more go to Foundation's parser below.
        var significand: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var isExact = true

        guard let first = self.current, Self.isDigit(first) else { throw self.error("a number needs digits") }
        if first == UInt8(ascii: "0") {
            self.position += 1
            if let next = self.current, Self.isDigit(next) { throw self.error("a number must not have leading zeros") }
        } else {
            while let byte = self.current, Self.isDigit(byte) {
                if significantDigits < 19 {
                    significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                    significantDigits += 1
                } else {
                    isExact = false
                }
                self.position += 1
            }
        }
        if self.current == UInt8(ascii: ".") {
            self.position += 1
            guard let next = self.current, Self.isDigit(next) else { throw self.error("a decimal point needs digits after it") }
            while let byte = self.current, Self.isDigit(byte) {
                let digit = UInt64(byte - UInt8(ascii: "0"))
                if significantDigits == 0 && digit == 0 {
                    exponent -= 1
                } else if significantDigits < 19 {
                    significand = significand * 10 + digit
                    significantDigits += 1
                    exponent -= 1
                } else {
                    isExact = false
                }
                self.position += 1
            }
        }
        if self.current == UInt8(ascii: "e") || self.current == UInt8(ascii: "E") {
            self.position += 1
            var exponentIsNegative = false
            if self.current == UInt8(ascii: "+") || self.current == UInt8(ascii: "-") {
                exponentIsNegative = self.current == UInt8(ascii: "-")
                self.position += 1
            }
            guard let next = self.current, Self.isDigit(next) else { throw self.error("an exponent needs digits") }
            var explicitExponent = 0
            while let byte = self.current, Self.isDigit(byte) {
                if explicitExponent < 100_000 { explicitExponent = explicitExponent * 10 + Int(byte - UInt8(ascii: "0")) }
                self.position += 1
            }
            exponent += exponentIsNegative ? -explicitExponent : explicitExponent
        }
        if significand == 0 && isExact { return Decimal(0) }
        if isExact && (-100...100).contains(exponent) {
            return Decimal(sign: isNegative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
        }
        // More than 19 significant digits or a large exponent: Foundation's parser, as JSONDecoder would use.
        let text = String(decoding: UnsafeBufferPointer(rebasing: self.bytes[start..<self.position]), as: UTF8.self)
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value.isFinite else {
            throw SyntaxError(reason: "the number \(text) cannot be represented exactly", offset: start)
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
