import ServiceKit

/// Ready only once a price snapshot is loaded: before that every quote would be a 503.
public struct PriceSnapshotReadinessCheck: ReadinessCheck {
    public let book: PriceBook
    public var name: String { "price-snapshot" }

    public init(book: PriceBook) {
        self.book = book
    }

    public func check() async throws {
        // A stale snapshot still serves quotes (flagged `stale`), so only a missing one makes the instance unready.
        guard book.snapshot != nil else {
            throw ReadinessFailure("no price snapshot loaded yet")
        }
    }
}
