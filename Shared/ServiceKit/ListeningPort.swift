import Synchronization

/// The port the HTTP server bound, once it listens; or why it never will.
final class ListeningPort: Sendable {
    private struct State {
        var outcome: Result<Int, any Error>?
        var waiters: [CheckedContinuation<Int, any Error>] = []
    }

    private let state = Mutex(State())

    func fulfill(_ port: Int) {
        settle(.success(port))
    }

    func fail(_ error: any Error) {
        settle(.failure(error))
    }

    /// The first outcome wins; later ones are ignored.
    private func settle(_ outcome: Result<Int, any Error>) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            guard state.outcome == nil else { return [] }
            state.outcome = outcome
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(with: outcome) }
    }

    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = state.withLock { state -> Result<Int, any Error>? in
                if let outcome = state.outcome { return outcome }
                state.waiters.append(continuation)
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }
}
