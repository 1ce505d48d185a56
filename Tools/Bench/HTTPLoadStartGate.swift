import Synchronization

/// Holds every connection thread back until all have connected, then gives them one common start time.
///
/// The schedule (and the warm-up) should not include connection set-up, and request 0's intended time must
/// be the same for every thread. Waiting is a short sleep-poll: it lasts only while sockets connect.
final class HTTPLoadStartGate: Sendable {
    private let expected: Int
    private let arrived = Atomic<Int>(0)
    private let start = Atomic<UInt64>(0)

    /// Head start given to the schedule after the last arrival, so no thread is late for request 0.
    private static let margin: UInt64 = 2_000_000
    private static let pollInterval: UInt64 = 100_000

    init(expected: Int) {
        self.expected = expected
    }

    /// Marks the calling thread ready and blocks it until every thread is; returns the common start time
    /// (``HTTPLoadClock`` nanoseconds).
    func arriveAndWait() -> UInt64 {
        if arrived.add(1, ordering: .acquiringAndReleasing).newValue == expected {
            let time = HTTPLoadClock.now() + Self.margin
            start.store(time, ordering: .releasing)
            return time
        }
        while true {
            let time = start.load(ordering: .acquiring)
            if time != 0 { return time }
            HTTPLoadClock.sleep(until: HTTPLoadClock.now() + Self.pollInterval)
        }
    }

    /// The common start time once every thread has arrived; 0 before.
    var startTime: UInt64 {
        start.load(ordering: .acquiring)
    }
}
