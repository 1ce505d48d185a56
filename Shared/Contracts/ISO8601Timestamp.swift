import Foundation

/// Formatting and parsing of ISO 8601 / RFC 3339 timestamps without `DateFormatter`.
///
/// Hand-written so that the result does not depend on locale, calendar settings or the platform's
/// Foundation, and so that a value can be formatted and parsed from any task without shared formatter state.
public enum ISO8601Timestamp {
    /// Why a date cannot be formatted.
    public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Seconds since 1970 of the rejected date.
        public let unixSeconds: Double

        public var description: String {
            "date \(unixSeconds) s since 1970 is outside the years 0000–9999 that the timestamp format can express"
        }
    }

    /// Why a string is not an accepted timestamp.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The rejected text.
        public let text: String
        /// What is wrong with it.
        public let reason: String

        public var description: String {
            "\"\(text)\" is not an ISO 8601 timestamp (\(reason)); expected e.g. 2026-11-27T14:01:02.123Z or 2026-11-27T15:01:02+01:00"
        }
    }

    /// `2026-11-27T14:01:02.123Z`: UTC, exactly three fractional digits, rounded to the nearest millisecond.
    public static func format(_ date: Date) throws(FormatError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        try append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the ``format(_:)`` text of `date` (24 bytes) to `bytes`, for writers that build JSON by hand.
    public static func append(_ date: Date, to bytes: inout [UInt8]) throws(FormatError) {
        let seconds = date.timeIntervalSince1970
        // Years 0000 and 9999 bound the four-digit year field.
        guard seconds.isFinite, seconds >= -62_167_219_200, seconds < 253_402_300_800 else {
            throw FormatError(unixSeconds: seconds)
        }
        let totalMilliseconds = unixMilliseconds(of: date)
        let (days, millisecondOfDay) = floorDivide(totalMilliseconds, 86_400_000)
        let (year, month, day) = GregorianCalendar.date(daysSinceEpoch: days)
        guard (0...9999).contains(year) else { throw FormatError(unixSeconds: seconds) }
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(millisecondOfDay / 3_600_000, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(millisecondOfDay / 60_000 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(millisecondOfDay / 1000 % 60, 2)
        bytes.append(UInt8(ascii: "."))
        digits(millisecondOfDay % 1000, 3)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)`; `t` and `z` may be lowercase (RFC 3339).
    ///
    /// Fractional digits beyond nanoseconds are ignored. Leap seconds (`:60`) are rejected because `Date`
    /// cannot represent them.
    public static func parse(_ text: String) throws(ParseError) -> Date {
        let bytes = Array(text.utf8)
        var index = 0

        func fail(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
        func digits(_ count: Int, _ field: String) throws(ParseError) -> Int64 {
            guard index + count <= bytes.count else { throw fail("\(field) is missing") }
            var value: Int64 = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                    throw fail("\(field) must be \(count) digits")
                }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
        func expect(_ characters: [Character], _ what: String) throws(ParseError) {
            guard index < bytes.count,
                characters.contains(where: { $0.asciiValue == bytes[index] })
            else { throw fail("expected \(what) at position \(index + 1)") }
            index += 1
        }

        let year = try digits(4, "year")
        try expect(["-"], "'-' after the year")
        let month = try digits(2, "month")
        try expect(["-"], "'-' after the month")
        let day = try digits(2, "day")
        try expect(["T", "t"], "'T' between date and time")
        let hour = try digits(2, "hour")
        try expect([":"], "':' after the hour")
        let minute = try digits(2, "minute")
        try expect([":"], "':' after the minute")
        let second = try digits(2, "second")

        var nanoseconds: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var count = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                if count < 9 { nanoseconds = nanoseconds * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
                count += 1
                index += 1
            }
            guard count > 0 else { throw fail("a '.' must be followed by fractional digits") }
            for _ in min(count, 9)..<9 { nanoseconds *= 10 }
        }

        guard index < bytes.count else { throw fail("the UTC offset is missing; add 'Z' or e.g. '+01:00'") }
        var offsetSeconds: Int64 = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            let offsetHours = try digits(2, "offset hours")
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") { index += 1 }
            let offsetMinutes = try digits(2, "offset minutes")
            guard offsetHours <= 23, offsetMinutes <= 59 else { throw fail("the UTC offset is out of range") }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        default:
            throw fail("expected 'Z' or a UTC offset at position \(index + 1)")
        }
        guard index == bytes.count else { throw fail("unexpected characters after the UTC offset") }

        guard (1...12).contains(month) else { throw fail("month \(month) is out of range") }
        guard day >= 1, day <= GregorianCalendar.daysInMonth(year: year, month: month) else {
            throw fail("day \(day) does not exist in \(pad(year, 4))-\(pad(month, 2))")
        }
        guard hour <= 23 else { throw fail("hour \(hour) is out of range") }
        guard minute <= 59 else { throw fail("minute \(minute) is out of range") }
        guard second <= 59 else { throw fail("second \(second) is out of range (leap seconds are not supported)") }

        let days = GregorianCalendar.daysSinceEpoch(year: year, month: month, day: day)
        let unixSeconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return date(unixSeconds: unixSeconds, nanoseconds: nanoseconds)
    }

    // MARK: - Shared arithmetic

    /// Milliseconds since 1970, rounded to nearest. Not-finite dates give 0 and others are clamped to
    /// ±9e15 ms (about ±285,000 years) so the conversion can never trap; `format` rejects such dates first.
    static func unixMilliseconds(of date: Date) -> Int64 {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.isFinite else { return 0 }
        return Int64(Swift.max(Swift.min(milliseconds, 9.0e15), -9.0e15))
    }

    static func date(unixSeconds: Int64, nanoseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(unixSeconds) + Double(nanoseconds) / 1_000_000_000)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
