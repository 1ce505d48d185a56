import Foundation
import Testing
@testable import Pricing

@Suite("Price book")
struct PriceBookTests {
    static func snapshot(_ version: Int64) -> PriceSnapshot {
        PriceSnapshot(version: version, publishedAt: nil, catalog: PriceCatalog())
    }

    @Test func nothingIsQuotableBeforeTheFirstLoad() {
        let book = PriceBook(maximumAge: .seconds(60))
        #expect(book.read() == nil)
        #expect(book.version == -1)
    }

    @Test func anEmptyCatalogueAtVersionZeroCountsAsLoaded() {
        let book = PriceBook(maximumAge: .seconds(60))
        #expect(book.install(Self.snapshot(0)))
        #expect(book.read()?.snapshot.version == 0)
    }

    @Test func anOlderSnapshotNeverReplacesANewerOne() {
        let book = PriceBook(maximumAge: .seconds(60))
        #expect(book.install(Self.snapshot(5)))
        #expect(!book.install(Self.snapshot(4)))
        #expect(!book.install(Self.snapshot(5)))
        #expect(book.version == 5)
        #expect(book.install(Self.snapshot(6)))
        #expect(book.version == 6)
    }

    @Test func aSnapshotNotConfirmedForLongerThanTheMaximumAgeIsStale() async throws {
        let book = PriceBook(maximumAge: .milliseconds(300))
        book.install(Self.snapshot(1))
        #expect(book.read()?.freshness.stale == false)
        try await Task.sleep(for: .milliseconds(400))
        #expect(book.read()?.freshness.stale == true)
        // The database confirms version 1 is still current: fresh again.
        book.confirm(currentVersion: 1)
        #expect(book.read()?.freshness.stale == false)
    }

    @Test func confirmingAnotherVersionDoesNotMakeTheInstalledOneFresh() async throws {
        let book = PriceBook(maximumAge: .milliseconds(300))
        book.install(Self.snapshot(1))
        try await Task.sleep(for: .milliseconds(400))
        book.confirm(currentVersion: 2)
        #expect(book.read()?.freshness.stale == true)
    }
}
