import Contracts
import Foundation

/// Writes a ``QuoteResponse`` as JSON by hand: the same bytes as `StableJSON.encode` (sorted keys, dates with
/// milliseconds, money as decimal strings, absent optionals left out), about ten times cheaper — the quote is
/// the hot path, and `JSONEncoder` was most of its cost. A test keeps the two byte-for-byte equal.
struct QuoteResponseWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    static func encode(_ response: QuoteResponse) throws -> [UInt8] {
        var writer = QuoteResponseWriter(capacity: 256 + response.lines.count * 360)
        try writer.write(response)
        return writer.bytes
    }

    mutating func write(_ response: QuoteResponse) throws {
        raw("{\"at\":")
        try date(response.at)
        raw(",\"currency\":")
        string(response.currency.code)
        raw(",\"customer\":")
        string(response.customer)
        raw(",\"lines\":[")
        for (index, line) in response.lines.enumerated() {
            if index > 0 { raw(",") }
            write(line)
        }
        raw("],\"priceVersion\":")
        integer(response.priceVersion)
        raw(",\"snapshot\":{\"loadedAt\":")
        try date(response.snapshot.loadedAt)
        raw(",\"stale\":")
        raw(response.snapshot.stale ? "true" : "false")
        raw(",\"verifiedAt\":")
        try date(response.snapshot.verifiedAt)
        raw(",\"version\":")
        integer(response.snapshot.version)
        raw("},\"total\":")
        money(response.total)
        raw("}")
    }

    private mutating func write(_ line: QuoteResponse.Line) {
        raw("{")
        if let category = line.category {
            raw("\"category\":")
            string(category)
            raw(",")
        }
        raw("\"extendedAmount\":")
        money(line.extendedAmount)
        raw(",\"lineNumber\":")
        integer(Int64(line.lineNumber))
        raw(",\"listUnitPrice\":")
        money(line.listUnitPrice)
        raw(",\"priceList\":")
        string(line.priceList)
        raw(",\"quantity\":")
        integer(Int64(line.quantity))
        raw(",\"rule\":{\"id\":")
        string(line.rule.id)
        raw(",\"kind\":")
        string(line.rule.kind.rawValue)
        if let minimum = line.rule.minimumQuantity {
            raw(",\"minimumQuantity\":")
            integer(Int64(minimum))
        }
        raw("},\"sku\":")
        string(line.sku)
        raw(",\"unitPrice\":")
        money(line.unitPrice)
        raw("}")
    }

    private mutating func money(_ money: Money) {
        raw("{\"amount\":\"")
        amount(money.minorUnits, scale: money.currency.minorUnits)
        raw("\",\"currency\":\"")
        raw(money.currency.code)
        raw("\"}")
    }

    /// Decimal digits of `value`, without building a String.
    private mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(value.magnitude, minimumCount: 1)
    }

    /// `minorUnits` with `scale` fraction digits, as ``Money/amountString`` writes it (`-0.05`, `1234`, `1.250`).
    private mutating func amount(_ minorUnits: Int64, scale: Int) {
        if minorUnits < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = minorUnits.magnitude
        guard scale > 0 else {
            digits(magnitude, minimumCount: 1)
            return
        }
        var divisor: UInt64 = 1
        for _ in 0..<scale { divisor *= 10 }
        digits(magnitude / divisor, minimumCount: 1)
        bytes.append(UInt8(ascii: "."))
        digits(magnitude % divisor, minimumCount: scale)
    }

    private mutating func digits(_ value: UInt64, minimumCount: Int) {
        var buffer: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &buffer) { digits in
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count < minimumCount
            bytes.append(contentsOf: digits[(20 - count)...])
        }
    }

    private mutating func date(_ date: Date) throws {
        bytes.append(UInt8(ascii: "\""))
        try ISO8601Timestamp.append(date, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A JSON string as JSONEncoder writes it with `.withoutEscapingSlashes`: `"` `\` and control characters escaped.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
