import Logging
import Outbox
import Persistence
import ServiceLifecycle

/// Keeps the ``PriceBook`` on the database's current price version: loads it at start (retrying while the
/// database is unreachable), then checks again every `interval` and whenever ``wake`` is signalled (a
/// `pricing.price-version.published.v1` event arrived), loading a newer version whole.
///
/// The check is one small query; a load runs only when the version moved. A failed check leaves the
/// snapshot in place — quotes go on, and after the maximum age they say `stale: true`.
public struct PriceSnapshotRefresher: Service {
    public let pool: PostgresPool
    public let store: PriceStore
    public let book: PriceBook
    public let interval: Duration
    public let wake: WakeSignal
    public let logger: Logger

    public init(pool: PostgresPool, store: PriceStore, book: PriceBook, interval: Duration, wake: WakeSignal, logger: Logger) {
        self.pool = pool
        self.store = store
        self.book = book
        self.interval = interval
        self.wake = wake
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var consecutiveFailures = 0
            while !Task.isCancelled {
                do {
                    try await refresh()
                    consecutiveFailures = 0
                    await wake.wait(timeout: interval)
                } catch {
                    consecutiveFailures += 1
                    logger.warning("could not refresh the price snapshot; quotes use the loaded one", metadata: [
                        "error": "\(error)", "consecutive_failures": "\(consecutiveFailures)",
                        "price_version": "\(book.version)",
                    ])
                    // Before the first load nothing can be quoted: retry soon. Afterwards, at the normal pace.
                    try? await Task.sleep(for: book.snapshot == nil ? .milliseconds(500) : interval)
                }
            }
        }
    }

    /// Loads the current version if it is newer than the installed one; otherwise records that it is current.
    public func refresh() async throws {
        let current = try await pool.transaction { transaction in try await store.currentVersion(in: transaction) }
        guard current > book.version else {
            book.confirm(currentVersion: current)
            return
        }
        let clock = ContinuousClock()
        let started = clock.now
        // Read-only and repeatable read: one consistent view; the SHARE lock in loadSnapshot keeps imports out meanwhile.
        let snapshot = try await pool.transaction(isolation: .repeatableRead) { transaction in
            try await store.loadSnapshot(in: transaction)
        }
        if book.install(snapshot) {
            logger.info("price snapshot loaded", metadata: [
                "price_version": "\(snapshot.version)", "price_lists": "\(snapshot.catalog.priceListCount)",
                "skus": "\(snapshot.catalog.knownSKUs.count)", "agreements": "\(snapshot.catalog.agreementCount)",
                "promotions": "\(snapshot.catalog.promotionCount)", "load_time": "\(clock.now - started)",
            ])
        }
    }
}
