import Foundation
import Persistence

/// CPU time of the PostgreSQL backends serving one service (its pool, its outbox relay), read from `/proc`:
/// on a shared two-core machine it shows how much of an order's cost is the database's, independent of
/// what else ran meanwhile. Only works when PostgreSQL runs on this machine; otherwise it reports nothing.
struct InventoryDatabaseCPU: Sendable {
    /// CPU time used so far by each backend.
    let byProcess: [Int32: Duration]

    /// The backends whose `application_name` starts with `applicationPrefix`, and their CPU time so far.
    static func sample(admin: PostgresPool, applicationPrefix: String) async throws -> InventoryDatabaseCPU {
        let rows = try await admin.query("SELECT pid FROM pg_stat_activity WHERE application_name LIKE $1", applicationPrefix + "%")
        var byProcess: [Int32: Duration] = [:]
        for row in rows {
            let pid = Int32(try row.decode(Int.self, at: 0))
            if let cpu = cpuTime(of: pid) { byProcess[pid] = cpu }
        }
        return InventoryDatabaseCPU(byProcess: byProcess)
    }

    /// CPU time between `earlier` and this sample (backends started meanwhile count from zero); nil when no
    /// backend could be read.
    func since(_ earlier: InventoryDatabaseCPU) -> Duration? {
        guard !byProcess.isEmpty else { return nil }
        return byProcess.reduce(Duration.zero) { total, entry in total + entry.value - (earlier.byProcess[entry.key] ?? .zero) }
    }

    /// utime + stime of `/proc/<pid>/stat` (fields 14 and 15, in clock ticks).
    private static func cpuTime(of pid: Int32) -> Duration? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = text.lastIndex(of: ")")
        else { return nil }
        // After the command name in parentheses come the fields from the third (state) on.
        let fields = text[text.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Int64(fields[11]), let system = Int64(fields[12]) else { return nil }
        let ticksPerSecond = Int64(sysconf(Int32(_SC_CLK_TCK)))
        guard ticksPerSecond > 0 else { return nil }
        return .nanoseconds((user + system) * 1_000_000_000 / ticksPerSecond)
    }
}
