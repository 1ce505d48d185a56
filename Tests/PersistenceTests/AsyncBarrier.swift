/// Suspends callers of ``arrive(timeout:)`` until `parties` of them have arrived, then releases them all.
///
/// Waiting is bounded: when a party never arrives (its task failed first) the others throw instead of hanging the
/// test run.
actor AsyncBarrier {
    struct TimedOut: Error, CustomStringConvertible {
        let arrived: Int
        let parties: Int
        var description: String { "only \(self.arrived) of \(self.parties) parties reached the barrier in time" }
    }

    private let parties: Int
    private var waiting: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var arrived = 0

    init(parties: Int) {
        self.parties = parties
    }

    func arrive(timeout: Duration = .seconds(20)) async throws {
        self.arrived += 1
        if self.arrived >= self.parties {
            let waiting = self.waiting
            self.waiting.removeAll()
            for continuation in waiting.values { continuation.resume() }
            return
        }
        let ticket = self.arrived
        let timer = Task {
            try await Task.sleep(for: timeout)
            self.expire(ticket)
        }
        defer { timer.cancel() }
        try await withCheckedThrowingContinuation { continuation in
            self.waiting[ticket] = continuation
        }
    }

    private func expire(_ ticket: Int) {
        self.waiting.removeValue(forKey: ticket)?.resume(throwing: TimedOut(arrived: self.arrived, parties: self.parties))
    }
}
