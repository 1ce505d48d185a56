import Foundation

/// CCYYMMDD dates as X12 writes them, to and from `Date` at midnight UTC. Documents keep the strings (what the
/// partner sent); convert when a `Date` is needed.
public enum X12Date {
    /// The UTC midnight of a CCYYMMDD string, or `nil` when it is not a real calendar date.
    public static func date(from text: String) -> Date? {
        guard text.utf8.count == 8, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)), let day = Int(text.suffix(2)),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return Date(timeIntervalSince1970: Double(daysSinceEpoch(year: year, month: month, day: day)) * 86_400)
    }

    /// The CCYYMMDD string of a date's day in UTC.
    public static func string(from date: Date) -> String {
        let parts = utcParts(of: date)
        return digits(parts.year, 4) + digits(parts.month, 2) + digits(parts.day, 2)
    }

    /// The YYMMDD string of a date's day in UTC (ISA09).
    static func shortString(from date: Date) -> String {
        let parts = utcParts(of: date)
        return digits(parts.year % 100, 2) + digits(parts.month, 2) + digits(parts.day, 2)
    }

    /// The HHMM string of a date's time in UTC.
    public static func timeString(from date: Date) -> String {
        let parts = utcParts(of: date)
        return digits(parts.hour, 2) + digits(parts.minute, 2)
    }

    // MARK: Civil calendar arithmetic (proleptic Gregorian, UTC) — no formatter or calendar objects, which cost
    // more to create than the rest of a document.

    static func utcParts(of date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's civil_from_days.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60)
    }

    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// The element as a CCYYMMDD date string, thrown as invalid when it is not one.
    static func checked(_ segment: X12Segment, _ index: Int, required: Bool) throws(X12DocumentError) -> String? {
        let value = segment[index]
        if value.isEmpty {
            if required { _ = try X12DocumentError.required(segment, index) }
            return nil
        }
        guard date(from: value) != nil else {
            throw X12DocumentError.invalid(segment, index, "\"\(value)\" is not a date CCYYMMDD")
        }
        return value
    }
}
