import Persistence
import Testing
import WholesailTestSupport

@Suite("PostgresPool", .timeLimit(.minutes(1)))
struct PostgresPoolTests {
    private func backendCount(applicationName: String, admin: PostgresConnection) async throws -> Int {
        try await admin.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", applicationName)[0]
            .decode(Int.self, at: 0)
    }

    @Test("N + 5 concurrent leases never open more than N backends")
    func poolIsBounded() async throws {
        let maximum = 3
        try await PostgresTestEnvironment.withSchema("pool_bounded", maximumConnections: maximum) { schema in
            let admin = try await PostgresTestEnvironment.connect(try PostgresTestEnvironment.configuration())
            let done = Locked(false)
            let monitor = Task {
                var highest = 0
                while !done.value {
                    highest = max(highest, try await backendCount(applicationName: schema.name, admin: admin))
                    try await Task.sleep(for: .milliseconds(10))
                }
                return highest
            }
            let backendPIDs = Locked<Set<Int32>>([])
            let concurrentLeases = Locked(0)
            let highestConcurrentLeases = Locked(0)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<(maximum + 5) {
                    group.addTask {
                        try await schema.pool.withConnection { connection in
                            let now = concurrentLeases.withLock { $0 += 1; return $0 }
                            highestConcurrentLeases.withLock { $0 = max($0, now) }
                            backendPIDs.withLock { _ = $0.insert(connection.backendPID) }
                            _ = try await connection.query("SELECT pg_sleep(0.15)")
                            concurrentLeases.withLock { $0 -= 1 }
                        }
                    }
                }
                try await group.waitForAll()
            }
            done.set(true)
            let highestBackends = try await monitor.value
            await admin.close()
            #expect(highestBackends <= maximum)
            #expect(highestBackends >= 1)
            // The pool lets several leases run at once (how many overlap depends on the machine's load), never more than N.
            #expect((2...maximum).contains(highestConcurrentLeases.value))
            #expect(backendPIDs.withLock { $0.count } <= maximum)
            #expect(schema.pool.statistics.open <= maximum)
        }
    }

    @Test("a lease that waits longer than acquireTimeout fails with poolAcquireTimeout")
    func acquireTimeout() async throws {
        try await PostgresTestEnvironment.withSchema("pool_timeout") { schema in
            let pool = PostgresPool(configuration: schema.configuration, maximumConnections: 1, acquireTimeout: .milliseconds(300))
            // Open the single connection first: on a loaded machine opening it may itself take longer than 300 ms.
            let warm = try await eventually { (try? await pool.query("SELECT 1")) != nil }
            #expect(warm)
            let holderHasLease = AsyncBarrier(parties: 2)
            let release = AsyncBarrier(parties: 2)
            let holder = Task {
                try await pool.withConnection { _ in
                    try await holderHasLease.arrive()
                    try await release.arrive()
                }
            }
            try await holderHasLease.arrive()
            let clock = ContinuousClock()
            let started = clock.now
            let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
            let waited = clock.now - started
            #expect(error?.code == .poolAcquireTimeout)
            #expect(waited >= .milliseconds(290))
            #expect(waited < .seconds(5))
            try await release.arrive()
            try await holder.value
            do {
                let actual = try await pool.query("SELECT 1")[0].decode(Int.self, at: 0)
                #expect(actual == 1)
            }
            await pool.close()
        }
    }

    @Test("waiters are served when a leased connection comes back")
    func waitersAreServed() async throws {
        // A generous acquire timeout: this is about waiters being served, not about how fast a loaded machine is.
        try await PostgresTestEnvironment.withSchema("pool_waiters", maximumConnections: 1, acquireTimeout: .seconds(60)) { schema in
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for value in 0..<20 {
                    group.addTask { try await schema.pool.query("SELECT $1::int", value)[0].decode(Int.self, at: 0) }
                }
                var results: [Int] = []
                for try await value in group { results.append(value) }
                return results
            }
            #expect(results.sorted() == Array(0..<20))
            #expect(schema.pool.statistics.open == 1)
        }
    }

    @Test("idle connections whose backends were terminated are replaced transparently")
    func terminatedIdleConnectionsAreReplaced() async throws {
        try await PostgresTestEnvironment.withSchema("pool_restart", maximumConnections: 2) { schema in
            let admin = try await PostgresTestEnvironment.connect(try PostgresTestEnvironment.configuration())
            // Open two connections, then terminate both while idle, as a server restart would.
            let before = try await withThrowingTaskGroup(of: Int32.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await schema.pool.withConnection { connection in
                            _ = try await connection.query("SELECT pg_sleep(0.1)")
                            return connection.backendPID
                        }
                    }
                }
                var pids: Set<Int32> = []
                for try await pid in group { pids.insert(pid) }
                return pids
            }
            #expect(before.count == 2)
            _ = try await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", schema.name)
            let allGone = try await eventually { try await backendCount(applicationName: schema.name, admin: admin) == 0 }
            #expect(allGone)
            await admin.close()

            let after = try await schema.pool.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
            #expect(!before.contains(after))
            #expect(schema.pool.statistics.open == 1)
        }
    }

    @Test("a connection returned inside an open transaction is discarded, not reused")
    func connectionInTransactionIsDiscarded() async throws {
        try await PostgresTestEnvironment.withSchema("pool_dirty", maximumConnections: 1) { schema in
            let first = try await schema.pool.withConnection { connection in
                _ = try await connection.execute("BEGIN")
                return connection.backendPID
            }
            let second = try await schema.pool.query("SELECT pg_backend_pid(), now() = statement_timestamp()")[0]
            #expect(try second.decode(Int32.self, at: 0) != first)
        }
    }

    @Test("after close() leases fail with poolClosed")
    func closedPoolRefusesLeases() async throws {
        try await PostgresTestEnvironment.withSchema("pool_closed") { schema in
            _ = try await schema.pool.query("SELECT 1")
            await schema.pool.close()
            let error = await #expect(throws: PostgresError.self) { try await schema.pool.query("SELECT 1") }
            #expect(error?.code == .poolClosed)
            #expect(schema.pool.statistics.open == 0)
        }
    }

    @Test("close() waits for leased connections to come back")
    func closeWaitsForLeases() async throws {
        try await PostgresTestEnvironment.withSchema("pool_close_wait") { schema in
            let finished = Locked(false)
            let leased = AsyncBarrier(parties: 2)
            let worker = Task {
                try await schema.pool.withConnection { connection in
                    try await leased.arrive()
                    _ = try await connection.query("SELECT pg_sleep(0.3)")
                    finished.set(true)
                }
            }
            try await leased.arrive()
            await schema.pool.close()
            let workerFinished = finished.value
            #expect(workerFinished)
            try await worker.value
            #expect(schema.pool.statistics.open == 0)
        }
    }

    @Test("a pool whose server is unreachable fails the lease with connectionFailed after acquireTimeout")
    func unreachableServer() async throws {
        var configuration = try PostgresTestEnvironment.configuration()
        configuration.port = 1
        let pool = PostgresPool(configuration: configuration, maximumConnections: 2, acquireTimeout: .milliseconds(500))
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error?.code == .connectionFailed)
        await pool.close()
    }
}
