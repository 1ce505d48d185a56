import Persistence
import Testing
import WholesailTestSupport

/// The server going away and coming back, simulated with a proxy in front of the real PostgreSQL.
@Suite("PostgreSQL outages", .timeLimit(.minutes(1)))
struct PostgresOutageTests {
    @Test("a lease made while the server is down waits, and succeeds once it is back, without restarting anything")
    func poolRecoversAfterOutage() async throws {
        try await PostgresTestEnvironment.withSchema("outage_recover") { schema in
            let proxy = try TCPProxy(upstreamPort: schema.configuration.port)
            var configuration = schema.configuration
            configuration.port = Int(proxy.port)
            let pool = PostgresPool(configuration: configuration, maximumConnections: 2, acquireTimeout: .seconds(15))
            let before = try await pool.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)

            proxy.stop()
            let restart = Task {
                try await Task.sleep(for: .milliseconds(800))
                try proxy.start()
            }
            let clock = ContinuousClock()
            let started = clock.now
            let after = try await pool.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
            let waited = clock.now - started
            try await restart.value

            #expect(after != before)
            #expect(waited >= .milliseconds(700))
            #expect(pool.statistics.open == 1)
            await pool.close()
            proxy.stop()
        }
    }

    @Test("a transaction cut off by an outage is retried after the server is back and commits once")
    func transactionSurvivesOutage() async throws {
        try await PostgresTestEnvironment.withSchema("outage_transaction") { schema in
            _ = try await schema.pool.execute("CREATE TABLE orders (id int PRIMARY KEY)")
            let proxy = try TCPProxy(upstreamPort: schema.configuration.port)
            var configuration = schema.configuration
            configuration.port = Int(proxy.port)
            let pool = PostgresPool(configuration: configuration, maximumConnections: 2, acquireTimeout: .seconds(15))
            let attempts = Locked(0)
            try await pool.transaction { transaction in
                let attempt = attempts.withLock { $0 += 1; return $0 }
                _ = try await transaction.execute("INSERT INTO orders VALUES (1)")
                if attempt == 1 {
                    proxy.stop()
                    Task {
                        try await Task.sleep(for: .milliseconds(500))
                        try proxy.start()
                    }
                }
                _ = try await transaction.execute("INSERT INTO orders VALUES (2)")
            }
            #expect(attempts.value == 2)
            let count = try await schema.pool.query("SELECT count(*) FROM orders")[0].decode(Int.self, at: 0)
            #expect(count == 2)
            await pool.close()
            proxy.stop()
        }
    }
}
