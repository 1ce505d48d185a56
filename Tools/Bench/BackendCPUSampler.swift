import Foundation
import Persistence
import Synchronization

/// CPU time of the PostgreSQL backends whose `application_name` starts with a prefix, over a stretch of time,
/// including backends that connect and exit meanwhile (pgbench's): it polls `/proc` every ``interval`` and keeps the
/// last reading of each backend, so a backend that exits loses at most one interval of its time.
///
/// Database CPU per order is the figure that says whether intake's gap to pgbench is the database's work or the
/// service's; it only works when PostgreSQL runs on this machine (otherwise it reports nil).
final class BackendCPUSampler: Sendable {
    static let interval: Duration = .milliseconds(200)

    private struct State {
        var initial: [Int32: Duration] = [:]
        var latest: [Int32: Duration] = [:]
    }

    private let admin: PostgresPool
    private let applicationPrefix: String
    private let state = Mutex(State())
    private let poller = Mutex<Task<Void, Never>?>(nil)

    init(admin: PostgresPool, applicationPrefix: String) {
        self.admin = admin
        self.applicationPrefix = applicationPrefix
    }

    /// Takes the first reading and starts polling.
    func start() async throws {
        let initial = try await InventoryDatabaseCPU.sample(admin: admin, applicationPrefix: applicationPrefix).byProcess
        state.withLock {
            $0.initial = initial
            $0.latest = initial
        }
        let task = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.interval)
                await poll()
            }
        }
        poller.withLock { $0 = task }
    }

    /// Stops polling after one last reading; returns the backends' CPU time since ``start()`` (nil when none was read).
    func stop() async -> Duration? {
        let task = poller.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        task?.cancel()
        await task?.value
        await poll()
        return state.withLock { state in
            guard !state.latest.isEmpty else { return nil }
            return state.latest.reduce(Duration.zero) { total, entry in total + entry.value - (state.initial[entry.key] ?? .zero) }
        }
    }

    private func poll() async {
        guard let sample = try? await InventoryDatabaseCPU.sample(admin: admin, applicationPrefix: applicationPrefix) else { return }
        state.withLock { state in
            for (pid, cpu) in sample.byProcess { state.latest[pid] = max(state.latest[pid] ?? .zero, cpu) }
        }
    }
}
