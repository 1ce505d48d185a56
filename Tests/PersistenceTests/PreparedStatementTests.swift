import Persistence
import Testing
import WholesailTestSupport

/// Sessions prepare what they run repeatedly (PostgreSQL's `pg_prepared_statements` shows it), and a table changed
/// under a prepared statement never breaks the statement for good.
@Suite("Prepared statements on a real session", .timeLimit(.minutes(1)))
struct PreparedStatementTests {
    private static let countPrepared = "SELECT count(*)::int FROM pg_prepared_statements WHERE statement = $1"

    private func preparedCount(_ sql: String, on connection: PostgresConnection) async throws -> Int {
        try await connection.query(Self.countPrepared, sql)[0].decode(Int.self, at: 0)
    }

    @Test("a statement run repeatedly is prepared once, and keeps answering correctly")
    func repeatedStatementIsPreparedOnce() async throws {
        try await PostgresTestEnvironment.withSchema("prepared") { schema in
            let connection = try await PostgresTestEnvironment.connect(schema.configuration)
            _ = try await connection.execute("CREATE TABLE items (n int)")
            _ = try await connection.execute("INSERT INTO items SELECT generate_series(1, 10)")
            let sql = "SELECT count(*)::int FROM items WHERE n > $1"
            var answers: [Int] = []
            for threshold in [0, 5, 8, 10] {
                answers.append(try await connection.query(sql, threshold)[0].decode(Int.self, at: 0))
            }
            #expect(answers == [10, 5, 2, 0])
            #expect(try await self.preparedCount(sql, on: connection) == 1)
            await connection.close()
        }
    }

    @Test("a statement run once is not prepared")
    func singleRunIsNotPrepared() async throws {
        try await PostgresTestEnvironment.withSchema("prepared_once") { schema in
            let connection = try await PostgresTestEnvironment.connect(schema.configuration)
            let sql = "SELECT $1::int + 1"
            #expect(try await connection.query(sql, 41)[0].decode(Int.self, at: 0) == 42)
            #expect(try await self.preparedCount(sql, on: connection) == 0)
            await connection.close()
        }
    }

    @Test("with prepared_statements=off in the URL nothing is prepared")
    func disabledByConfiguration() async throws {
        try await PostgresTestEnvironment.withSchema("prepared_off") { schema in
            var configuration = schema.configuration
            configuration.preparesStatements = false
            let connection = try await PostgresTestEnvironment.connect(configuration)
            let sql = "SELECT $1::int * 2"
            for value in 1...3 {
                #expect(try await connection.query(sql, value)[0].decode(Int.self, at: 0) == value * 2)
            }
            #expect(try await self.preparedCount(sql, on: connection) == 0)
            await connection.close()
        }
    }

    @Test("a column added under a prepared SELECT * is seen on the next run, outside a transaction")
    func staleStatementOutsideTransactionIsReplanned() async throws {
        try await PostgresTestEnvironment.withSchema("prepared_stale") { schema in
            let connection = try await PostgresTestEnvironment.connect(schema.configuration)
            _ = try await connection.execute("CREATE TABLE items (n int)")
            _ = try await connection.execute("INSERT INTO items VALUES (1)")
            let sql = "SELECT * FROM items WHERE n = $1"
            for _ in 0..<3 { _ = try await connection.query(sql, 1) }
            #expect(try await self.preparedCount(sql, on: connection) == 1)
            _ = try await connection.execute("ALTER TABLE items ADD COLUMN label text DEFAULT 'new'")
            let rows = try await connection.query(sql, 1)
            #expect(rows.columns == ["n", "label"])
            #expect(try rows[0].decode(String.self, at: 1) == "new")
            await connection.close()
        }
    }

    @Test("a column added under a prepared statement used in a transaction: the pool's retry runs it planned afresh")
    func staleStatementInTransactionIsRetried() async throws {
        try await PostgresTestEnvironment.withSchema("prepared_stale_tx", maximumConnections: 1) { schema in
            _ = try await schema.pool.execute("CREATE TABLE items (n int)")
            _ = try await schema.pool.execute("INSERT INTO items VALUES (1)")
            let sql = "SELECT * FROM items WHERE n = $1"
            for _ in 0..<3 {
                _ = try await schema.pool.transaction { transaction in try await transaction.query(sql, 1) }
            }
            _ = try await schema.pool.execute("ALTER TABLE items ADD COLUMN label text DEFAULT 'new'")
            let columns = try await schema.pool.transaction { transaction in
                try await transaction.query(sql, 1).columns
            }
            #expect(columns == ["n", "label"])
        }
    }

    @Test("a statement that cannot be parsed fails with the server's error on every run, prepared or not")
    func badStatementReportsServerErrorEachTime() async throws {
        try await PostgresTestEnvironment.withSchema("prepared_bad") { schema in
            let connection = try await PostgresTestEnvironment.connect(schema.configuration)
            for _ in 0..<3 {
                let error = await #expect(throws: PostgresError.self) {
                    try await connection.query("SELECT n FROM missing_table WHERE n = $1", 1)
                }
                #expect(error?.sqlState == "42P01")
            }
            #expect(try await connection.query("SELECT 1")[0].decode(Int.self, at: 0) == 1)
            await connection.close()
        }
    }
}
