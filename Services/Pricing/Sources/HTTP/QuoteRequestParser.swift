import Contracts
import Foundation

/// Reads the common shape of a quote request straight from the bytes — the quote is the hot path, and
/// `JSONDecoder` was the largest part of its cost.
///
/// Strict on purpose: it accepts only objects with the known keys (each once), strings without escapes or
/// control characters, and plain integers. Anything else — escapes, `null`, unknown keys, numbers with a
/// fraction or exponent, malformed JSON — returns nil, and the caller decodes with `JSONDecoder`, which gives
/// the same value or the precise error. So this parser never decides what is valid, only what is common.
struct QuoteRequestParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The request, or nil when the caller must use `JSONDecoder`.
    static func parse(_ data: some ContiguousBytes) -> QuoteRequest? {
        data.withUnsafeBytes { raw in
            var parser = QuoteRequestParser(bytes: raw.bindMemory(to: UInt8.self))
            return parser.request()
        }
    }

    private mutating func request() -> QuoteRequest? {
        var customer: String?
        var currency: String?
        var lines: [QuoteRequest.Line]?
        var at: Date?
        var sawAt = false
        let complete = object { key, parser in
            switch key {
            case "customer" where customer == nil:
                customer = parser.string()
                return customer != nil
            case "currency" where currency == nil:
                currency = parser.string()
                return currency != nil
            case "lines" where lines == nil:
                lines = parser.lines()
                return lines != nil
            case "at" where !sawAt:
                sawAt = true
                guard let text = parser.string(), let date = try? ISO8601Timestamp.parse(text) else { return false }
                at = date
                return true
            default:
                return false
            }
        }
        skipWhitespace()
        guard complete, position == bytes.count, let customer, let currency, let lines else { return nil }
        return QuoteRequest(customer: customer, currency: currency, lines: lines, at: at)
    }

    private mutating func lines() -> [QuoteRequest.Line]? {
        skipWhitespace()
        guard consume(UInt8(ascii: "[")) else { return nil }
        var lines: [QuoteRequest.Line] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return lines }
        while true {
            var sku: String?
            var quantity: Int?
            let complete = object { key, parser in
                switch key {
                case "sku" where sku == nil:
                    sku = parser.string()
                    return sku != nil
                case "quantity" where quantity == nil:
                    quantity = parser.integer()
                    return quantity != nil
                default:
                    return false
                }
            }
            guard complete, let sku, let quantity else { return nil }
            lines.append(QuoteRequest.Line(sku: sku, quantity: quantity))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "]")) ? lines : nil
        }
    }

    /// `{ "key": value, … }`, handing each key to `member`, which reads the value and says whether it could.
    private mutating func object(_ member: (String, inout QuoteRequestParser) -> Bool) -> Bool {
        skipWhitespace()
        guard consume(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return true }
        while true {
            skipWhitespace()
            guard let key = string() else { return false }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            guard member(key, &self) else { return false }
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "}"))
        }
    }

    /// A string without escapes or control characters, valid UTF-8.
    private mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            guard byte != UInt8(ascii: "\\"), byte >= 0x20 else { return nil }
            position += 1
        }
        return nil
    }

    /// `-?(0|[1-9][0-9]*)` that fits an `Int`, not followed by a fraction or exponent.
    private mutating func integer() -> Int? {
        let negative = consume(UInt8(ascii: "-"))
        let start = position
        var value = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(Int(bytes[position] - UInt8(ascii: "0")))
            guard !overflowTimes, !overflowSum else { return nil }
            value = sum
            position += 1
        }
        let digits = position - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        if position < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[position]) { return nil }
        return negative ? -value : value
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): position += 1
            default: return
            }
        }
    }
}
