import Contracts
import Foundation

/// CCYYMMDD dates as X12 writes them, to and from `Date` at midnight UTC. Documents keep the strings (what the
/// partner sent); convert when a `Date` is needed.
public enum X12Date {
    /// The UTC midnight of a CCYYMMDD string, or `nil` when it is not a real calendar date.
    public static func date(from text: String) -> Date? {
        guard text.utf8.count == 8, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)), let day = Int(text.suffix(2)),
              (1...12).contains(month), (1...GregorianCalendar.daysInMonth(year: Int64(year), month: Int64(month))).contains(Int64(day))
        else { return nil }
        return Date(timeIntervalSince1970: Double(GregorianCalendar.daysSinceEpoch(year: Int64(year), month: Int64(month), day: Int64(day))) * 86_400)
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

    /// The date and time of day of `date` in UTC, by calendar arithmetic (no formatter or calendar objects, which
    /// cost more to create than the rest of a document).
    static func utcParts(of date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let civil = GregorianCalendar.date(daysSinceEpoch: days)
        return (Int(civil.year), Int(civil.month), Int(civil.day), secondOfDay / 3600, secondOfDay % 3600 / 60)
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
