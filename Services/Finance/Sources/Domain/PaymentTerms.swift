import Contracts
import Foundation

/// Due dates from payment terms ("net 30"), as calendar dates so that a due date does not shift with the
/// reader's time zone.
public enum PaymentTerms {
    /// The UTC calendar day of `issuedAt` plus `termsDays` days, as `"yyyy-MM-dd"`.
    ///
    /// Calendar days, not 24-hour periods: an invoice issued at 23:30 UTC on 2026-01-31 with 30 days' terms is
    /// due 2026-03-02. Results are kept within 0001-01-01…9999-12-31 (absurd terms are clamped rather than
    /// trapping), dates in the proleptic Gregorian calendar.
    public static func dueDate(issuedAt: Date, termsDays: Int) -> String {
        let seconds = issuedAt.timeIntervalSince1970
        let issuedDay: Int64
        if seconds.isNaN {
            issuedDay = 0
        } else {
            let day = (seconds / 86_400).rounded(.down)
            issuedDay = day < Double(firstDay) ? firstDay : day > Double(lastDay) ? lastDay : Int64(day)
        }
        let span = lastDay - firstDay
        let terms = Int64(clamping: termsDays)
        let dueDay = min(max(issuedDay + min(max(terms, -span), span), firstDay), lastDay)
        return format(daysSinceEpoch: dueDay)
    }

    /// 0001-01-01 and 9999-12-31 as days since 1970-01-01.
    private static let firstDay: Int64 = -719_162
    private static let lastDay: Int64 = 2_932_896

    /// `"yyyy-MM-dd"` of a day counted from 1970-01-01.
    static func format(daysSinceEpoch days: Int64) -> String {
        let date = GregorianCalendar.date(daysSinceEpoch: days)
        return padded(date.year, 4) + "-" + padded(date.month, 2) + "-" + padded(date.day, 2)
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
