import Outbox
import Synchronization

/// Collects what the outbox relay reports: how many events the broker confirmed, when, and each one's lag.
final class RelayObserver: Sendable {
    private struct State {
        var seen = 0
        var lags: [Duration] = []
        /// After each confirmed batch: the running total and when the relay reported it.
        var progress: [(total: Int, at: ContinuousClock.Instant)] = []
    }

    private let state = Mutex(State())

    /// The relay's observer callback.
    func record(_ events: [OutboxRelay.PublishedEvent]) {
        let now = ContinuousClock.now
        state.withLock { state in
            state.seen += events.count
            state.lags.append(contentsOf: events.map(\.lag))
            state.progress.append((state.seen, now))
        }
    }

    var seen: Int { state.withLock { $0.seen } }

    /// The first confirmed batch: the running total after it, and when it was reported.
    var firstBatch: (total: Int, at: ContinuousClock.Instant)? {
        state.withLock { $0.progress.first }
    }

    /// Waits until `total` events were confirmed in all; returns when the relay reported the batch that got there.
    func waitUntilSeen(_ total: Int, timeout: Duration) async throws -> ContinuousClock.Instant {
        let deadline = ContinuousClock.now + timeout
        while true {
            let reached = state.withLock { state -> ContinuousClock.Instant? in
                guard state.seen >= total else { return nil }
                return state.progress.first(where: { $0.total >= total })?.at
            }
            if let reached { return reached }
            guard ContinuousClock.now < deadline else {
                throw BenchError("the outbox relay confirmed \(seen) of \(total) events within \(timeout); is it stuck?")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Confirmed batches whose running total lies in `range` of events: how many, and their mean size
    /// and spacing (what one relay round costs).
    func batches(after start: Int, through end: Int) -> (count: Int, meanSize: Double, meanInterval: Duration) {
        state.withLock { state in
            let rounds = state.progress.filter { $0.total > start && $0.total <= end }
            guard let first = rounds.first, let last = rounds.last, rounds.count > 1 else {
                return (rounds.count, Double(end - start), .zero)
            }
            return (rounds.count, Double(end - start) / Double(rounds.count), (last.at - first.at) / (rounds.count - 1))
        }
    }

    /// The lags of events number `range` (in confirmation order, counting from 0).
    func lags(_ range: Range<Int>) -> [Duration] {
        state.withLock { state in
            Array(state.lags[max(0, range.lowerBound)..<min(range.upperBound, state.lags.count)])
        }
    }
}
