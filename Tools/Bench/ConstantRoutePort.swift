import Synchronization

/// The port the ``ConstantRouteServer`` bound, once it listens; or why it never will.
///
/// Hummingbird reports the bound port through `onServerRunning`, on its own task; `start` waits here for it.
final class ConstantRoutePort: Sendable {
    private struct State {
        var outcome: Result<Int, BenchError>?
        var waiters: [CheckedContinuation<Int, any Error>] = []
    }

    private let state = Mutex(State())

    func fulfill(_ port: Int) {
        settle(.success(port))
    }

    func fail(_ error: BenchError) {
        settle(.failure(error))
    }

    /// The first outcome wins; later ones are ignored.
    private func settle(_ outcome: Result<Int, BenchError>) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            guard state.outcome == nil else { return [] }
            state.outcome = outcome
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(with: outcome.mapError { $0 as any Error }) }
    }

    /// Waits for the port.
    func value() async throws(BenchError) -> Int {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let outcome = state.withLock { state -> Result<Int, BenchError>? in
                    if let outcome = state.outcome { return outcome }
                    state.waiters.append(continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome.mapError { $0 as any Error }) }
            }
        } catch let error as BenchError {
            throw error
        } catch {
            throw BenchError("constant-route server: \(error)")
        }
    }
}
