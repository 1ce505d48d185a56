import Synchronization

/// The first and last commit instants of concurrent writers.
final class CommitTimes: Sendable {
    private let state = Mutex<(first: ContinuousClock.Instant?, last: ContinuousClock.Instant?)>((nil, nil))

    /// Notes a commit that just finished.
    func recordCommit() {
        let now = ContinuousClock.now
        state.withLock { times in
            if times.first == nil { times.first = now }
            if times.last.map({ now > $0 }) ?? true { times.last = now }
        }
    }

    var first: ContinuousClock.Instant? { state.withLock { $0.first } }
    var last: ContinuousClock.Instant? { state.withLock { $0.last } }
}
