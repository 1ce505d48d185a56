import Foundation
import Testing
@testable import Finance

/// ``PaymentTerms/dueDate(issuedAt:termsDays:)``: UTC calendar days, `yyyy-MM-dd`.
@Suite("Finance domain: payment terms")
struct PaymentTermsTests {
    /// Late in the evening UTC still counts as that UTC day; 30 days after 31 January is 2 March (2026 is not leap).
    @Test func countsUTCCalendarDays() throws {
        #expect(PaymentTerms.dueDate(issuedAt: try DomainFixtures.instant("2026-01-31T23:30:00Z"), termsDays: 30) == "2026-03-02")
    }

    @Test func zeroDaysIsTheIssueDay() throws {
        #expect(PaymentTerms.dueDate(issuedAt: try DomainFixtures.instant("2026-06-15T00:00:00Z"), termsDays: 0) == "2026-06-15")
    }

    @Test func leapDayIsCounted() throws {
        #expect(PaymentTerms.dueDate(issuedAt: try DomainFixtures.instant("2024-02-28T12:00:00Z"), termsDays: 1) == "2024-02-29")
        #expect(PaymentTerms.dueDate(issuedAt: try DomainFixtures.instant("2024-02-28T12:00:00Z"), termsDays: 2) == "2024-03-01")
    }

    @Test func crossesTheYearEnd() throws {
        #expect(PaymentTerms.dueDate(issuedAt: try DomainFixtures.instant("2025-12-15T08:00:00Z"), termsDays: 30) == "2026-01-14")
    }

    @Test func instantsBeforeNineteenSeventyUseTheirOwnDay() throws {
        #expect(PaymentTerms.dueDate(issuedAt: try DomainFixtures.instant("1969-12-31T18:00:00Z"), termsDays: 0) == "1969-12-31")
    }

    /// Agrees with Foundation's Gregorian calendar in UTC over several thousand days with varying terms.
    @Test func agreesWithFoundationsGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let start = try DomainFixtures.instant("1999-01-01T13:00:00Z")
        for step in 0..<4_000 {
            let issuedAt = start.addingTimeInterval(Double(step) * 86_400 * 3 + 1_234)
            let terms = step % 91
            let due = try #require(calendar.date(byAdding: .day, value: terms, to: issuedAt))
            let parts = calendar.dateComponents([.year, .month, .day], from: due)
            let expected = "\(padded(parts.year, 4))-\(padded(parts.month, 2))-\(padded(parts.day, 2))"
            #expect(PaymentTerms.dueDate(issuedAt: issuedAt, termsDays: terms) == expected)
        }
    }

    private func padded(_ value: Int?, _ width: Int) -> String {
        let digits = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    @Test func absurdTermsAreClampedInsteadOfTrapping() throws {
        let issuedAt = try DomainFixtures.instant("2026-01-01T00:00:00Z")
        #expect(PaymentTerms.dueDate(issuedAt: issuedAt, termsDays: .max) == "9999-12-31")
        #expect(PaymentTerms.dueDate(issuedAt: issuedAt, termsDays: .min) == "0001-01-01")
    }
}
