import Foundation

/// Formats and parses timestamps in PostgreSQL's text forms with microsecond precision, by integer arithmetic
/// (no `DateFormatter`, no locale, no calendar allocation on the hot path).
enum PostgresTimestampFormat {
    private static let microsecondsPerSecond: Int64 = 1_000_000
    private static let microsecondsPerDay: Int64 = 86_400 * 1_000_000
    /// 2001-01-01 (Foundation's reference date) in microseconds since 1970-01-01.
    private static let referenceDateOffset: Int64 = 978_307_200 * 1_000_000

    /// ISO 8601 in UTC with six fraction digits, e.g. `2026-11-27T14:01:02.123456Z`; years before 1 AD use
    /// PostgreSQL's ` BC` suffix.
    static func format(_ date: Date) -> String {
        let sinceReference = (date.timeIntervalSinceReferenceDate * 1_000_000).rounded()
        guard sinceReference.isFinite, abs(sinceReference) < 9.0e18 else {
            return sinceReference < 0 ? "-infinity" : "infinity"
        }
        let microseconds = Int64(sinceReference) + referenceDateOffset
        var days = microseconds / microsecondsPerDay
        var microsecondOfDay = microseconds % microsecondsPerDay
        if microsecondOfDay < 0 {
            microsecondOfDay += microsecondsPerDay
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let secondOfDay = microsecondOfDay / microsecondsPerSecond
        let fraction = microsecondOfDay % microsecondsPerSecond

        var text = ""
        text.reserveCapacity(32)
        let isBeforeCommonEra = year <= 0
        append(isBeforeCommonEra ? 1 - year : year, digits: 4, to: &text)
        text.append("-")
        append(month, digits: 2, to: &text)
        text.append("-")
        append(day, digits: 2, to: &text)
        text.append(isBeforeCommonEra ? " " : "T")
        append(secondOfDay / 3600, digits: 2, to: &text)
        text.append(":")
        append(secondOfDay / 60 % 60, digits: 2, to: &text)
        text.append(":")
        append(secondOfDay % 60, digits: 2, to: &text)
        text.append(".")
        append(fraction, digits: 6, to: &text)
        text.append(isBeforeCommonEra ? "+00 BC" : "Z")
        return text
    }

    /// Parses `2026-11-27 14:01:02.123456+00` (also `T` as separator, `Z`, `+05:30`, `-03:30:15`, date only,
    /// ` BC`, `infinity`, `-infinity`). A value without a zone is UTC.
    static func parse(_ text: String) -> Date? {
        switch text {
        case "infinity": return .distantFuture
        case "-infinity": return .distantPast
        default: break
        }
        var scanner = Scanner(text.utf8)
        guard var year = scanner.number(minimumDigits: 4, maximumDigits: 7), scanner.consume(UInt8(ascii: "-")),
            let month = scanner.number(minimumDigits: 2, maximumDigits: 2), (1...12).contains(month),
            scanner.consume(UInt8(ascii: "-")),
            let day = scanner.number(minimumDigits: 2, maximumDigits: 2), (1...31).contains(day)
        else { return nil }

        var microsecondOfDay: Int64 = 0
        var offsetSeconds: Int64 = 0
        if scanner.consume(UInt8(ascii: " ")) || scanner.consume(UInt8(ascii: "T")) {
            if scanner.peekIsDigit {
                guard let hour = scanner.number(minimumDigits: 2, maximumDigits: 2), hour <= 24,
                    scanner.consume(UInt8(ascii: ":")),
                    let minute = scanner.number(minimumDigits: 2, maximumDigits: 2), minute < 60,
                    scanner.consume(UInt8(ascii: ":")),
                    let second = scanner.number(minimumDigits: 2, maximumDigits: 2), second <= 60
                else { return nil }
                var fraction: Int64 = 0
                if scanner.consume(UInt8(ascii: ".")) {
                    var digits = 0
                    while let digit = scanner.digit() {
                        if digits < 6 {
                            fraction = fraction * 10 + digit
                        }
                        digits += 1
                    }
                    guard digits > 0 else { return nil }
                    for _ in digits..<max(digits, 6) { fraction *= 10 }
                }
                microsecondOfDay = ((hour * 60 + minute) * 60 + second) * microsecondsPerSecond + fraction
                if scanner.consume(UInt8(ascii: "Z")) {
                    offsetSeconds = 0
                } else if let sign = scanner.sign() {
                    guard let offsetHours = scanner.number(minimumDigits: 2, maximumDigits: 2) else { return nil }
                    var offset = offsetHours * 3600
                    if scanner.consume(UInt8(ascii: ":")) {
                        guard let offsetMinutes = scanner.number(minimumDigits: 2, maximumDigits: 2) else { return nil }
                        offset += offsetMinutes * 60
                        if scanner.consume(UInt8(ascii: ":")) {
                            guard let offsetSecondsPart = scanner.number(minimumDigits: 2, maximumDigits: 2) else {
                                return nil
                            }
                            offset += offsetSecondsPart
                        }
                    }
                    offsetSeconds = sign * offset
                }
                _ = scanner.consume(UInt8(ascii: " "))
            }
        }
        if scanner.consume(contentsOf: "BC") {
            year = 1 - year
        }
        guard scanner.isAtEnd else { return nil }

        let days = Self.days(fromCivilYear: year, month: month, day: day)
        let microseconds = days * microsecondsPerDay + microsecondOfDay - offsetSeconds * microsecondsPerSecond
        return Date(timeIntervalSinceReferenceDate: Double(microseconds - referenceDateOffset) / 1_000_000)
    }

    private static func append(_ value: Int64, digits: Int, to text: inout String) {
        let decimal = String(value)
        if decimal.utf8.count < digits {
            text.append(String(repeating: "0", count: digits - decimal.utf8.count))
        }
        text.append(decimal)
    }

    /// Proleptic Gregorian date from days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func days(fromCivilYear civilYear: Int64, month: Int64, day: Int64) -> Int64 {
        let year = month <= 2 ? civilYear - 1 : civilYear
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// A cursor over UTF-8 bytes.
    private struct Scanner {
        let bytes: String.UTF8View
        var index: String.UTF8View.Index

        init(_ bytes: String.UTF8View) {
            self.bytes = bytes
            self.index = bytes.startIndex
        }

        var isAtEnd: Bool { self.index == self.bytes.endIndex }

        var peekIsDigit: Bool {
            guard !self.isAtEnd else { return false }
            return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index])
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard !self.isAtEnd, self.bytes[self.index] == byte else { return false }
            self.index = self.bytes.index(after: self.index)
            return true
        }

        mutating func consume(contentsOf text: String) -> Bool {
            let start = self.index
            for byte in text.utf8 where !self.consume(byte) {
                self.index = start
                return false
            }
            return true
        }

        mutating func digit() -> Int64? {
            guard self.peekIsDigit else { return nil }
            let value = Int64(self.bytes[self.index] - UInt8(ascii: "0"))
            self.index = self.bytes.index(after: self.index)
            return value
        }

        mutating func sign() -> Int64? {
            if self.consume(UInt8(ascii: "+")) { return 1 }
            if self.consume(UInt8(ascii: "-")) { return -1 }
            return nil
        }

        mutating func number(minimumDigits: Int, maximumDigits: Int) -> Int64? {
            var value: Int64 = 0
            var count = 0
            while count < maximumDigits, let digit = self.digit() {
                value = value * 10 + digit
                count += 1
            }
            return count >= minimumDigits ? value : nil
        }
    }
}
