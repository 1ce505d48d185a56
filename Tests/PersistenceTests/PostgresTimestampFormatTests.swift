import Foundation
import Testing

@testable import Persistence

@Suite("timestamp text format")
struct PostgresTimestampFormatTests {
    @Test("PostgreSQL's timestamptz output is parsed with microseconds")
    func parsesServerOutput() throws {
        let date = try #require(PostgresTimestampFormat.parse("2026-11-27 14:01:02.123456+00"))
        #expect(PostgresTimestampFormat.format(date) == "2026-11-27T14:01:02.123456Z")
    }

    @Test("zone offsets with minutes and seconds are applied")
    func appliesOffsets() throws {
        let reference = try #require(PostgresTimestampFormat.parse("2026-11-27 14:01:02+00"))
        let plus = try #require(PostgresTimestampFormat.parse("2026-11-27 19:31:02+05:30"))
        let minus = try #require(PostgresTimestampFormat.parse("2026-11-27 10:30:47-03:30:15"))
        #expect(plus == reference)
        #expect(minus == reference)
    }

    @Test("dates without time, BC years and infinity are understood")
    func parsesOtherForms() throws {
        let midnight = try #require(PostgresTimestampFormat.parse("2026-11-27"))
        #expect(PostgresTimestampFormat.format(midnight) == "2026-11-27T00:00:00.000000Z")
        let beforeCommonEra = try #require(PostgresTimestampFormat.parse("0044-03-15 12:00:00+00 BC"))
        #expect(PostgresTimestampFormat.format(beforeCommonEra) == "0044-03-15 12:00:00.000000+00 BC")
        #expect(PostgresTimestampFormat.parse("infinity") == .distantFuture)
    }

    @Test("malformed text is rejected", arguments: ["", "2026-13-01", "2026-11-27 25", "2026-11-27 14:01:02+", "yesterday"])
    func rejectsMalformed(text: String) {
        #expect(PostgresTimestampFormat.parse(text) == nil)
    }
}
