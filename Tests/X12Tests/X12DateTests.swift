import Foundation
import Testing
@testable import X12

/// CCYYMMDD / YYMMDD / HHMM in UTC, computed without formatters.
@Suite("X12 dates")
struct X12DateTests {
    @Test(arguments: [("19700101", 0.0), ("20261128", 1_795_824_000.0), ("20000229", 951_782_400.0), ("19691231", -86_400.0)])
    func aCalendarDateIsItsUTCMidnight(text: String, seconds: Double) throws {
        #expect(X12Date.date(from: text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["20260229", "21000229", "20261301", "20261100", "20260431", "2026112", "2026-1-1", "2026112８"])
    func aDateThatDoesNotExistIsRefused(text: String) {
        #expect(X12Date.date(from: text) == nil)
    }

    @Test func theLeapDayOf2000AndOf2024Exist() {
        #expect(X12Date.date(from: "20000229") != nil)
        #expect(X12Date.date(from: "20240229") != nil)
    }

    @Test(arguments: [0.0, 951_782_399.0, 1_795_874_399.0, -1.0, 4_102_444_800.0, 1_709_164_800.0])
    func writingThenReadingADayGivesItsMidnight(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = X12Date.string(from: date)
        let midnight = try #require(X12Date.date(from: text))
        #expect(midnight <= date)
        #expect(date.timeIntervalSince(midnight) < 86_400)
    }

    @Test func theShortDateAndTheTimeAreUTC() {
        // 2026-11-28 23:59:30 UTC.
        let date = Date(timeIntervalSince1970: 1_795_910_370)
        #expect(X12Date.string(from: date) == "20261128")
        #expect(X12Date.shortString(from: date) == "261128")
        #expect(X12Date.timeString(from: date) == "2359")
    }
}
