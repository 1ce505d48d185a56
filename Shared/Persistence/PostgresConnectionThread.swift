import Foundation
import Synchronization

/// A dedicated OS thread that owns one ``LibPQSession`` and runs jobs for it one at a time, in submission order.
///
/// Blocking libpq calls therefore never run on Swift's cooperative pool. The thread sleeps on a semaphore until a
/// job arrives (no polling), so an idle connection costs no CPU; each statement costs one hop to this thread and one
/// back (the continuation resumes the awaiting task).
final class PostgresConnectionThread: Sendable {
    /// Work to run on the thread with the session it owns (`nil` before connecting or after it was finished).
    typealias Job = @Sendable (inout LibPQSession?) -> Void

    private enum Entry {
        case job(Job)
        case stop(@Sendable () -> Void)
    }

    private struct State {
        var entries: [Entry] = []
        var isStopping = false
        var isStopped = false
    }

    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)

    init(name: String) {
        let thread = Thread { [self] in
            self.run()
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Queues `job`; returns `false` (and does not run it) when the thread is stopping or stopped.
    func submit(_ job: @escaping Job) -> Bool {
        let accepted = self.state.withLock { state in
            if state.isStopping { return false }
            state.entries.append(.job(job))
            return true
        }
        if accepted { self.wakeUp.signal() }
        return accepted
    }

    /// Queues the end of the thread after the jobs already queued: the session is finished (`PQfinish`), then
    /// `completion` runs on the thread. Later calls only queue their completion behind the first stop.
    func stop(completion: @escaping @Sendable () -> Void = {}) {
        let alreadyStopped = self.state.withLock { state -> Bool in
            if state.isStopped { return true }
            state.isStopping = true
            state.entries.append(.stop(completion))
            return false
        }
        if alreadyStopped {
            completion()
        } else {
            self.wakeUp.signal()
        }
    }

    private func run() {
        var session: LibPQSession?
        while true {
            self.wakeUp.wait()
            let entry = self.state.withLock { state -> Entry? in
                state.entries.isEmpty ? nil : state.entries.removeFirst()
            }
            switch entry {
            case .job(let job):
                job(&session)
            case .stop(let completion):
                session?.finish()
                session = nil
                completion()
                // Run the completions of any further stop requests, then end the thread.
                let remaining = self.state.withLock { state -> [Entry] in
                    state.isStopped = true
                    defer { state.entries.removeAll() }
                    return state.entries
                }
                for case .stop(let other) in remaining { other() }
                return
            case nil:
                continue
            }
        }
    }
}
