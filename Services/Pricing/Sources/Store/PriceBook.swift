import Foundation
import Synchronization

/// The price snapshot this process quotes from, swapped atomically when a newer version is loaded.
///
/// It also remembers when the database last confirmed the snapshot is current, so responses can say
/// whether it may be stale (the database was unreachable, or events stopped arriving, for longer than
/// ``maximumAge``).
public final class PriceBook: Sendable {
    private struct State {
        var snapshot: PriceSnapshot?
        var verifiedAt: ContinuousClock.Instant
        var verifiedAtDate: Date
    }

    /// How long a snapshot counts as fresh after the database last confirmed it.
    public let maximumAge: Duration
    private let state: Mutex<State>

    public init(maximumAge: Duration) {
        self.maximumAge = maximumAge
        state = Mutex(State(snapshot: nil, verifiedAt: .now, verifiedAtDate: Date()))
    }

    /// The snapshot to quote from, or nil until the first load.
    public var snapshot: PriceSnapshot? {
        state.withLock { $0.snapshot }
    }

    /// The snapshot's version, or -1 before the first load (so version 0, an empty catalogue, counts as newer).
    public var version: Int64 {
        state.withLock { $0.snapshot?.version ?? -1 }
    }

    /// Installs `snapshot` unless a newer one is already installed (loads may finish out of order); either
    /// way the database has just confirmed a current version.
    /// - Returns: whether it was installed.
    @discardableResult
    public func install(_ snapshot: PriceSnapshot) -> Bool {
        state.withLock { state in
            state.verifiedAt = .now
            state.verifiedAtDate = Date()
            guard (state.snapshot?.version ?? -1) < snapshot.version else { return false }
            state.snapshot = snapshot
            return true
        }
    }

    /// Records that the database's current version is `version`; if that is the installed one, it is fresh.
    public func confirm(currentVersion version: Int64) {
        state.withLock { state in
            guard state.snapshot?.version == version else { return }
            state.verifiedAt = .now
            state.verifiedAtDate = Date()
        }
    }

    /// The snapshot with what a response says about its freshness, read together.
    public func read() -> (snapshot: PriceSnapshot, freshness: SnapshotFreshness)? {
        state.withLock { state in
            guard let snapshot = state.snapshot else { return nil }
            let age = ContinuousClock.now - state.verifiedAt
            return (snapshot, SnapshotFreshness(verifiedAt: state.verifiedAtDate, age: age, stale: age > maximumAge))
        }
    }
}
