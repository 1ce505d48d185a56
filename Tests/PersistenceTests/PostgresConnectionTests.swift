import Persistence
import Testing
import WholesailTestSupport

@Suite("PostgresConnection", .timeLimit(.minutes(1)))
struct PostgresConnectionTests {
    @Test("backendPID is the server process of the session")
    func backendPIDMatchesServer() async throws {
        let connection = try await PostgresTestEnvironment.connect(try PostgresTestEnvironment.configuration())
        let serverPID = try await connection.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
        #expect(serverPID == connection.backendPID)
        await connection.close()
    }

    @Test("the session runs in UTC with ISO dates and hex bytea")
    func sessionSettings() async throws {
        let connection = try await PostgresTestEnvironment.connect(try PostgresTestEnvironment.configuration())
        let row = try await connection.query("SELECT current_setting('TimeZone'), current_setting('DateStyle'), current_setting('bytea_output')")[0]
        #expect(try row.decode(String.self, at: 0) == "UTC")
        #expect(try row.decode(String.self, at: 1).hasPrefix("ISO"))
        #expect(try row.decode(String.self, at: 2) == "hex")
        await connection.close()
    }

    @Test("execute returns the number of affected rows")
    func executeReturnsAffectedRows() async throws {
        try await PostgresTestEnvironment.withSchema("affected") { schema in
            do {
                let actual = try await schema.pool.execute("CREATE TABLE t (n int)")
                #expect(actual == 0)
            }
            do {
                let actual = try await schema.pool.execute("INSERT INTO t SELECT generate_series(1, 7)")
                #expect(actual == 7)
            }
            do {
                let actual = try await schema.pool.execute("UPDATE t SET n = n + 1 WHERE n > $1", 4)
                #expect(actual == 3)
            }
            do {
                let actual = try await schema.pool.execute("DELETE FROM t")
                #expect(actual == 7)
            }
        }
    }

    @Test("two statements in one call are refused by the server")
    func multipleStatementsRefused() async throws {
        try await PostgresTestEnvironment.withSchema("multi") { schema in
            let error = await #expect(throws: PostgresError.self) {
                try await schema.pool.execute("CREATE TABLE a (n int); CREATE TABLE b (n int)")
            }
            #expect(error?.code == .server)
            #expect(error?.sqlState == "42601")
            let tables = try await schema.pool.query("SELECT count(*) FROM pg_tables WHERE schemaname = $1", schema.name)
            #expect(try tables[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test("a unique violation carries SQLSTATE, constraint and detail")
    func uniqueViolationFields() async throws {
        try await PostgresTestEnvironment.withSchema("unique") { schema in
            _ = try await schema.pool.execute("CREATE TABLE customers (email text CONSTRAINT customers_email_key UNIQUE)")
            _ = try await schema.pool.execute("INSERT INTO customers VALUES ($1)", "a@example.com")
            let error = await #expect(throws: PostgresError.self) {
                try await schema.pool.execute("INSERT INTO customers VALUES ($1)", "a@example.com")
            }
            #expect(error?.isUniqueViolation == true)
            #expect(error?.isConnectionError == false)
            #expect(error?.serverInfo?.constraint == "customers_email_key")
            #expect(error?.serverInfo?.detail?.contains("a@example.com") == true)
            #expect(error?.description.contains("23505") == true)
        }
    }

    @Test("a parameter holding a NUL character is refused before sending")
    func nulCharacterRefused() async throws {
        try await PostgresTestEnvironment.withSchema("nul") { schema in
            let error = await #expect(throws: PostgresError.self) {
                try await schema.pool.query("SELECT $1::text", "a\u{0}b")
            }
            #expect(error?.code == .invalidParameter)
            #expect(error?.message.contains("$1") == true)
        }
    }

    @Test("statements after close() fail with connectionClosed")
    func closedConnectionRefusesWork() async throws {
        let connection = try await PostgresTestEnvironment.connect(try PostgresTestEnvironment.configuration())
        await connection.close()
        await connection.close()
        let error = await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1") }
        #expect(error?.code == .connectionClosed)
        #expect(!connection.isUsable)
    }

    @Test("an unreachable server fails fast with connectionFailed and libpq's message")
    func unreachableServer() async throws {
        var configuration = try PostgresTestEnvironment.configuration()
        configuration.port = 1
        let error = await #expect(throws: PostgresError.self) {
            try await PostgresConnection.connect(configuration: configuration)
        }
        #expect(error?.code == .connectionFailed)
        #expect(error?.isConnectionError == true)
        #expect(error?.message.contains("127.0.0.1") == true)
    }

    @Test("the test environment turns an unreachable server into a failure naming deploy/local/stack up")
    func testEnvironmentNamesTheStartCommand() async throws {
        var configuration = try PostgresTestEnvironment.configuration()
        configuration.port = 1
        await #expect {
            try await PostgresTestEnvironment.connect(configuration)
        } throws: { error in
            error is PostgresTestEnvironmentError && "\(error)".contains("deploy/local/stack up")
        }
    }

    @Test("a wrong password fails with connectionFailed naming the cause")
    func wrongPassword() async throws {
        var configuration = try PostgresTestEnvironment.configuration()
        configuration.password = "definitely-wrong"
        let error = await #expect(throws: PostgresError.self) {
            try await PostgresConnection.connect(configuration: configuration)
        }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("password") == true)
    }

    @Test("a terminated backend makes the next statement fail with connectionLost")
    func terminatedBackendIsConnectionLost() async throws {
        let configuration = try PostgresTestEnvironment.configuration()
        let connection = try await PostgresTestEnvironment.connect(configuration)
        let admin = try await PostgresTestEnvironment.connect(configuration)
        _ = try await admin.query("SELECT pg_terminate_backend($1)", connection.backendPID)
        let backendGone = try await eventually {
            try await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", connection.backendPID).isEmpty
        }
        #expect(backendGone)
        let error = await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1") }
        #expect(error?.code == .connectionLost)
        #expect(error?.isRetryableTransactionFailure == true)
        #expect(!connection.isUsable)
        await connection.close()
        await admin.close()
    }
}
