import Foundation

/// CCYYMMDD dates as X12 writes them, to and from `Date` at midnight UTC. Documents keep the strings (what the
/// partner sent); convert when a `Date` is needed.
public enum X12Date {
    /// The UTC midnight of a CCYYMMDD string, or `nil` when it is not a real calendar date.
    public static func date(from text: String) -> Date? {
        guard text.count == 8, text.allSatisfy(\.isASCIIDigit),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)), let day = Int(text.suffix(2))
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// The CCYYMMDD string of a date's day in UTC.
    public static func string(from date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 0
        let month = parts.month ?? 0
        let day = parts.day ?? 0
        return String(format: "%04d%02d%02d", year, month, day)
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
