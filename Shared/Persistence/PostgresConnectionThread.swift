import Foundation
import Synchronization

/// A dedicated OS thread that owns one ``LibPQSession`` and runs work for it one item at a time, in order.
///
/// Blocking libpq calls therefore never run on Swift's cooperative pool. The thread sleeps on a semaphore until
/// work arrives (no polling), so an idle connection costs no CPU.
///
/// Two kinds of work arrive:
/// - libpq jobs from tasks running elsewhere: one hop to this thread, and the job resumes the awaiting task;
/// - Swift task jobs, because the thread is also a `TaskExecutor`. A transaction body runs with this executor as its
///   preference, so its statements find themselves already on the session's thread and call libpq directly: no
///   hop at all per statement.
final class PostgresConnectionThread: TaskExecutor, Sendable {
    /// Work to run on the thread with the session it owns.
    typealias Job = @Sendable (Context) -> Void

    /// What only the connection thread touches: the libpq session.
    final class Context {
        /// `nil` before connecting and after the session was finished.
        var session: LibPQSession?
    }

    private enum Entry {
        case job(Job)
        case task(UnownedJob)
        case stop(@Sendable () -> Void)
    }

    private struct State {
        var entries: [Entry] = []
        var isStopping = false
        var isStopped = false
    }

    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)
    /// Only read or written on the connection thread.
    private nonisolated(unsafe) let context = Context()
    /// The Foundation thread running ``run()``, to recognise it (`Thread.current === thread`).
    private nonisolated(unsafe) let thread: Thread

    /// Hands `self` to the thread's closure, which must exist before `self` is fully initialised.
    private final class Starter: @unchecked Sendable {
        /// Written once before the thread starts; read once by the thread.
        var target: PostgresConnectionThread?
    }

    init(name: String) {
        let starter = Starter()
        let thread = Thread {
            let target = starter.target
            starter.target = nil
            target?.run()
        }
        self.thread = thread
        thread.name = name
        thread.stackSize = 1 << 20
        starter.target = self
        thread.start()
    }

    /// Whether the caller runs on this connection's thread (and may use ``context`` directly).
    var isCurrent: Bool {
        Thread.current === self.thread
    }

    /// Runs `body` with the session right here, when called on the connection thread; `nil` otherwise.
    func runIfCurrent<Value>(_ body: (Context) -> Value) -> Value? {
        guard self.isCurrent else { return nil }
        return body(self.context)
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

    /// Queues the end of the thread after the work already queued: the session is finished (`PQfinish`), then
    /// `completion` runs on the thread. Later calls only add their completion.
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

    // MARK: TaskExecutor

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let accepted = self.state.withLock { state -> Bool in
            if state.isStopped { return false }
            state.entries.append(.task(job))
            return true
        }
        if accepted {
            self.wakeUp.signal()
        } else {
            // The connection is gone but the task must go on (its next statement will fail with connectionClosed).
            globalConcurrentExecutor.enqueue(job)
        }
    }

    func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }

    // MARK: The loop

    private func run() {
        while true {
            self.wakeUp.wait()
            let entry = self.state.withLock { state -> Entry? in
                state.entries.isEmpty ? nil : state.entries.removeFirst()
            }
            switch entry {
            case .job(let job):
                job(self.context)
            case .task(let job):
                job.runSynchronously(on: self.asUnownedTaskExecutor())
            case .stop(let completion):
                self.context.session?.finish()
                self.context.session = nil
                completion()
                let remaining = self.state.withLock { state -> [Entry] in
                    state.isStopped = true
                    defer { state.entries.removeAll() }
                    return state.entries
                }
                for entry in remaining {
                    switch entry {
                    case .stop(let other): other()
                    case .task(let job): globalConcurrentExecutor.enqueue(job)
                    case .job(let job): job(self.context)  // sees no session: fails with connectionClosed
                    }
                }
                return
            case nil:
                continue
            }
        }
    }
}
