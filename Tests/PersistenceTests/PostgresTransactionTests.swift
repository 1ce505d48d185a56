import Persistence
import Testing
import WholesailTestSupport

@Suite("PostgresPool.transaction", .timeLimit(.minutes(1)))
struct PostgresTransactionTests {
    struct BodyFailure: Error {}

    private func count(_ table: String, in schema: PostgresTestSchema) async throws -> Int {
        try await schema.pool.query("SELECT count(*) FROM \(table)")[0].decode(Int.self, at: 0)
    }

    @Test("a transaction commits its statements and returns the closure's value")
    func commits() async throws {
        try await PostgresTestEnvironment.withSchema("tx_commit") { schema in
            _ = try await schema.pool.execute("CREATE TABLE orders (id int PRIMARY KEY)")
            let value = try await schema.pool.transaction { transaction in
                _ = try await transaction.execute("INSERT INTO orders VALUES (1)")
                _ = try await transaction.execute("INSERT INTO orders VALUES (2)")
                return try await transaction.query("SELECT count(*) FROM orders")[0].decode(Int.self, at: 0)
            }
            #expect(value == 2)
            do {
                let actual = try await count("orders", in: schema)
                #expect(actual == 2)
            }
        }
    }

    @Test("a throwing closure rolls back and its error is rethrown")
    func rollsBackOnThrow() async throws {
        try await PostgresTestEnvironment.withSchema("tx_rollback") { schema in
            _ = try await schema.pool.execute("CREATE TABLE orders (id int PRIMARY KEY)")
            let attempts = Locked(0)
            await #expect(throws: BodyFailure.self) {
                try await schema.pool.transaction { transaction in
                    attempts.withLock { $0 += 1 }
                    _ = try await transaction.execute("INSERT INTO orders VALUES (1)")
                    throw BodyFailure()
                }
            }
            #expect(attempts.value == 1)
            do {
                let actual = try await count("orders", in: schema)
                #expect(actual == 0)
            }
            // The connection went back to the pool usable, outside any transaction.
            #expect(schema.pool.statistics.idle == 1)
            do {
                let actual = try await schema.pool.query("SELECT 1")[0].decode(Int.self, at: 0)
                #expect(actual == 1)
            }
        }
    }

    @Test("a statement error inside the closure rolls back and is rethrown unretried")
    func serverErrorRollsBack() async throws {
        try await PostgresTestEnvironment.withSchema("tx_server_error") { schema in
            _ = try await schema.pool.execute("CREATE TABLE orders (id int PRIMARY KEY)")
            let attempts = Locked(0)
            let error = await #expect(throws: PostgresError.self) {
                try await schema.pool.transaction { transaction in
                    attempts.withLock { $0 += 1 }
                    _ = try await transaction.execute("INSERT INTO orders VALUES (1)")
                    _ = try await transaction.execute("INSERT INTO orders VALUES (1)")
                }
            }
            #expect(error?.isUniqueViolation == true)
            #expect(attempts.value == 1)
            do {
                let actual = try await count("orders", in: schema)
                #expect(actual == 0)
            }
        }
    }

    @Test("a failing first statement (sent together with BEGIN) rolls back and leaves the connection usable")
    func failingFirstStatement() async throws {
        try await PostgresTestEnvironment.withSchema("tx_first_fails", maximumConnections: 1) { schema in
            _ = try await schema.pool.execute("CREATE TABLE orders (id int PRIMARY KEY)")
            _ = try await schema.pool.execute("INSERT INTO orders VALUES (1)")
            let firstPID = try await schema.pool.query("SELECT pg_backend_pid()")[0].decode(Int32.self, at: 0)
            let error = await #expect(throws: PostgresError.self) {
                try await schema.pool.transaction { transaction in
                    _ = try await transaction.query("INSERT INTO orders VALUES (1) RETURNING id")
                }
            }
            #expect(error?.isUniqueViolation == true)
            let row = try await schema.pool.query("SELECT pg_backend_pid(), count(*) FROM orders")[0]
            #expect(try row.decode(Int32.self, at: 0) == firstPID)
            #expect(try row.decode(Int.self, at: 1) == 1)
            let inserted = try await schema.pool.transaction { transaction in
                try await transaction.query("INSERT INTO orders VALUES (2) RETURNING id")[0].decode(Int.self, at: 0)
            }
            #expect(inserted == 2)
        }
    }

    @Test("COMMIT after a caught statement error reports transactionAborted")
    func caughtErrorMakesCommitFail() async throws {
        try await PostgresTestEnvironment.withSchema("tx_aborted") { schema in
            _ = try await schema.pool.execute("CREATE TABLE orders (id int PRIMARY KEY)")
            let error = await #expect(throws: PostgresError.self) {
                try await schema.pool.transaction { transaction in
                    _ = try await transaction.execute("INSERT INTO orders VALUES (1)")
                    _ = try? await transaction.execute("INSERT INTO orders VALUES (1)")
                }
            }
            #expect(error?.code == .transactionAborted)
            do {
                let actual = try await count("orders", in: schema)
                #expect(actual == 0)
            }
        }
    }

    @Test("a serialization failure is retried until the transactions commit one after the other")
    func serializationFailureIsRetried() async throws {
        try await PostgresTestEnvironment.withSchema("tx_serializable", maximumConnections: 2) { schema in
            _ = try await schema.pool.execute("CREATE TABLE ledger (id int PRIMARY KEY, value int NOT NULL)")
            let attempts = Locked(0)
            let bothHaveRead = AsyncBarrier(parties: 2)
            // Classic write skew: each reads the sum, then inserts sum + 1. Run serially the values are 1 and 2;
            // run concurrently without SERIALIZABLE they would both be 1.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in 1...2 {
                    group.addTask {
                        try await schema.pool.transaction(isolation: .serializable) { transaction in
                            attempts.withLock { $0 += 1 }
                            let sum = try await transaction.query("SELECT coalesce(sum(value), 0) FROM ledger")[0].decode(Int.self, at: 0)
                            if transaction.attempt == 1 { try await bothHaveRead.arrive() }
                            _ = try await transaction.execute("INSERT INTO ledger (id, value) VALUES ($1, $2)", id, sum + 1)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(attempts.value > 2)
            let values = try await schema.pool.query("SELECT value FROM ledger ORDER BY value").map { try $0.decode(Int.self, at: 0) }
            #expect(values == [1, 2])
        }
    }

    @Test("a deadlock is retried and both transactions commit")
    func deadlockIsRetried() async throws {
        try await PostgresTestEnvironment.withSchema("tx_deadlock", maximumConnections: 2) { schema in
            _ = try await schema.pool.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)")
            _ = try await schema.pool.execute("INSERT INTO accounts VALUES (1, 0), (2, 0)")
            let attempts = Locked(0)
            let bothLocked = AsyncBarrier(parties: 2)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (first, second) in [(1, 2), (2, 1)] {
                    group.addTask {
                        try await schema.pool.transaction { transaction in
                            attempts.withLock { $0 += 1 }
                            _ = try await transaction.execute("UPDATE accounts SET balance = balance + 1 WHERE id = $1", first)
                            if transaction.attempt == 1 { try await bothLocked.arrive() }
                            _ = try await transaction.execute("UPDATE accounts SET balance = balance + 1 WHERE id = $1", second)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(attempts.value == 3)
            let balances = try await schema.pool.query("SELECT balance FROM accounts ORDER BY id").map { try $0.decode(Int.self, at: 0) }
            #expect(balances == [2, 2])
        }
    }

    @Test("a backend terminated mid-transaction is replaced and the retried transaction commits")
    func terminatedBackendIsRetriedOnNewConnection() async throws {
        try await PostgresTestEnvironment.withSchema("tx_terminate", maximumConnections: 2) { schema in
            _ = try await schema.pool.execute("CREATE TABLE orders (id int PRIMARY KEY)")
            let admin = try await PostgresTestEnvironment.connect(try PostgresTestEnvironment.configuration())
            let backendPIDs = Locked<[Int32]>([])
            try await schema.pool.transaction { transaction in
                backendPIDs.withLock { $0.append(transaction.connection.backendPID) }
                _ = try await transaction.execute("INSERT INTO orders VALUES (1)")
                if transaction.attempt == 1 {
                    let pid = transaction.connection.backendPID
                    _ = try await admin.query("SELECT pg_terminate_backend($1)", pid)
                    let backendGone = try await eventually {
                        try await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", pid).isEmpty
                    }
                    #expect(backendGone)
                }
                _ = try await transaction.execute("INSERT INTO orders VALUES (2)")
            }
            await admin.close()
            let pids = backendPIDs.withLock { $0 }
            #expect(pids.count == 2)
            #expect(pids.first != pids.last)
            do {
                let actual = try await count("orders", in: schema)
                #expect(actual == 2)
            }
            #expect(schema.pool.statistics.open <= 2)
        }
    }

    @Test("a connection lost while COMMIT is in flight throws commitOutcomeUnknown and is not retried")
    func connectionLostDuringCommit() async throws {
        try await PostgresTestEnvironment.withSchema("tx_commit_unknown") { schema in
            // A deferred constraint trigger makes COMMIT itself take a while, so the backend can be killed mid-COMMIT.
            _ = try await schema.pool.execute("CREATE TABLE orders (id int PRIMARY KEY)")
            _ = try await schema.pool.execute(
                "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$"
            )
            _ = try await schema.pool.execute(
                "CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()"
            )
            let admin = try await PostgresTestEnvironment.connect(try PostgresTestEnvironment.configuration())
            let attempts = Locked(0)
            let committingPID = Locked<Int32>(0)
            let killer = Task {
                let found = try await eventually {
                    let pid = committingPID.value
                    guard pid != 0 else { return false }
                    return try await !admin.query(
                        "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query = 'COMMIT'", pid
                    ).isEmpty
                }
                if found {
                    _ = try await admin.query("SELECT pg_terminate_backend($1)", committingPID.value)
                }
                return found
            }
            let error = await #expect(throws: PostgresError.self) {
                try await schema.pool.transaction { transaction in
                    attempts.withLock { $0 += 1 }
                    _ = try await transaction.execute("INSERT INTO orders VALUES (1)")
                    committingPID.set(transaction.connection.backendPID)
                }
            }
            do {
                let actual = try await killer.value
                #expect(actual)
            }
            await admin.close()
            #expect(error?.code == .commitOutcomeUnknown)
            #expect(error?.isRetryableTransactionFailure == false)
            #expect(attempts.value == 1)
        }
    }

    @Test("a transaction that runs no statement sends nothing and still returns")
    func emptyTransaction() async throws {
        try await PostgresTestEnvironment.withSchema("tx_empty") { schema in
            let value = try await schema.pool.transaction { _ in 42 }
            #expect(value == 42)
        }
    }
}
