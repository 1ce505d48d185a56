import Foundation
import Testing
@testable import Pricing

/// ``EffectivePeriod``: start inclusive, end exclusive, open-ended without an end.
@Suite("Effective period")
struct EffectivePeriodTests {
    typealias F = PricingFixtures

    private func period() throws -> EffectivePeriod {
        EffectivePeriod(start: try F.instant("2027-01-01T00:00:00Z"), end: try F.instant("2027-07-01T00:00:00Z"))
    }

    @Test func containsItsStart() throws {
        #expect(try period().contains(F.instant("2027-01-01T00:00:00Z")))
    }

    @Test func doesNotContainOneMillisecondBeforeItsStart() throws {
        #expect(try !period().contains(F.justBefore(F.instant("2027-01-01T00:00:00Z"))))
    }

    @Test func containsOneMillisecondBeforeItsEnd() throws {
        #expect(try period().contains(F.justBefore(F.instant("2027-07-01T00:00:00Z"))))
    }

    @Test func doesNotContainItsEnd() throws {
        #expect(try !period().contains(F.instant("2027-07-01T00:00:00Z")))
    }

    @Test func withoutAnEndContainsEveryLaterInstant() throws {
        let open = EffectivePeriod(start: try F.instant("2027-01-01T00:00:00Z"))
        #expect(try open.contains(F.instant("9999-12-31T23:59:59.999Z")))
        #expect(try !open.contains(F.instant("2026-12-31T23:59:59.999Z")))
    }

    @Test func adjacentPeriodsNeitherOverlapNorLeaveAGap() throws {
        let boundary = try F.instant("2027-07-01T00:00:00Z")
        let first = EffectivePeriod(start: try F.instant("2027-01-01T00:00:00Z"), end: boundary)
        let second = EffectivePeriod(start: boundary)
        for instant in [F.justBefore(boundary), boundary, boundary.addingTimeInterval(0.001)] {
            #expect(first.contains(instant) != second.contains(instant), "exactly one period holds \(instant)")
        }
    }
}
