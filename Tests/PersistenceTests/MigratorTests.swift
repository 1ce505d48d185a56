import Foundation
import Persistence
import Testing
import WholesailTestSupport

@Suite("Migrator", .timeLimit(.minutes(1)))
struct MigratorTests {
    private let migrations = [
        Migration(id: "0001_create_orders", sql: "CREATE TABLE orders (id uuid PRIMARY KEY, total numeric NOT NULL);"),
        Migration(
            id: "0002_lines_and_index",
            sql: """
                CREATE TABLE order_lines (order_id uuid NOT NULL REFERENCES orders (id), sku text NOT NULL);
                CREATE INDEX order_lines_order_id ON order_lines (order_id);
                INSERT INTO orders VALUES ('00000000-0000-0000-0000-000000000001', 0);
                """
        ),
    ]

    @Test("migrations are applied once, in order, recorded with the server's md5 checksum")
    func appliesAndRecords() async throws {
        try await PostgresTestEnvironment.withSchema("migrate_apply") { schema in
            let migrator = try Migrator(schema: schema.name)
            let applied = try await migrator.migrate(migrations, on: schema.pool)
            #expect(applied == ["0001_create_orders", "0002_lines_and_index"])
            let tables = try await schema.pool.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename", schema.name
            ).map { try $0.decode(String.self, at: 0) }
            #expect(tables == ["order_lines", "orders", "schema_migrations"])
            let recorded = try await schema.pool.query(
                "SELECT id, checksum = md5($1) OR checksum = md5($2), applied_at <= now() FROM schema_migrations ORDER BY id",
                migrations[0].sql, migrations[1].sql
            )
            #expect(try recorded.map { try $0.decode(String.self, at: 0) } == migrations.map(\.id))
            #expect(try recorded.allSatisfy { try $0.decode(Bool.self, at: 1) && $0.decode(Bool.self, at: 2) })
        }
    }

    @Test("a second run applies nothing and changes nothing")
    func secondRunIsIdempotent() async throws {
        try await PostgresTestEnvironment.withSchema("migrate_twice") { schema in
            let migrator = try Migrator(schema: schema.name)
            _ = try await migrator.migrate(migrations, on: schema.pool)
            do {
                let actual = try await migrator.migrate(migrations, on: schema.pool)
                #expect(actual == [])
            }
            let more = migrations + [Migration(id: "0003_more", sql: "ALTER TABLE orders ADD COLUMN note text")]
            do {
                let actual = try await migrator.migrate(more, on: schema.pool)
                #expect(actual == ["0003_more"])
            }
            do {
                let actual = try await schema.pool.query("SELECT count(*) FROM orders")[0].decode(Int.self, at: 0)
                #expect(actual == 1)
            }
            do {
                let actual = try await schema.pool.query("SELECT count(*) FROM schema_migrations")[0].decode(Int.self, at: 0)
                #expect(actual == 3)
            }
        }
    }

    @Test("an applied migration whose SQL changed is refused, naming it")
    func changedChecksumIsRefused() async throws {
        try await PostgresTestEnvironment.withSchema("migrate_checksum") { schema in
            let migrator = try Migrator(schema: schema.name)
            _ = try await migrator.migrate(migrations, on: schema.pool)
            var edited = migrations
            edited[0].sql += "\n-- edited afterwards"
            edited.append(Migration(id: "0003_never", sql: "CREATE TABLE never_applied (n int)"))
            await #expect {
                try await migrator.migrate(edited, on: schema.pool)
            } throws: { error in
                guard case MigrationError.checksumMismatch(let id, _) = error else { return false }
                return id == "0001_create_orders" && "\(error)".contains("0001_create_orders")
            }
            let stray = try await schema.pool.query("SELECT to_regclass('never_applied') IS NULL")[0].decode(Bool.self, at: 0)
            #expect(stray)
        }
    }

    @Test("a failing migration names itself and leaves nothing of the run applied")
    func failingMigrationRollsBackTheRun() async throws {
        try await PostgresTestEnvironment.withSchema("migrate_failure") { schema in
            let migrator = try Migrator(schema: schema.name)
            let broken = migrations + [Migration(id: "0003_broken", sql: "CREATE TABLE ok (n int); CREATE TABLE orders (n int);")]
            await #expect {
                try await migrator.migrate(broken, on: schema.pool)
            } throws: { error in
                guard case MigrationError.migrationFailed(let id, _, let underlying) = error else { return false }
                return id == "0003_broken" && underlying.sqlState == "42P07"
            }
            let tables = try await schema.pool.query("SELECT count(*) FROM pg_tables WHERE schemaname = $1", schema.name)
            #expect(try tables[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test("two migrators racing on one schema apply each migration exactly once")
    func concurrentMigratorsApplyOnce() async throws {
        try await PostgresTestEnvironment.withSchema("migrate_race") { schema in
            let slow = [
                Migration(id: "0001_slow", sql: "SELECT pg_sleep(0.3); CREATE TABLE counters (n int);"),
                Migration(id: "0002_seed", sql: "INSERT INTO counters VALUES (1);"),
            ]
            // Two pools: two service instances starting at the same time.
            let otherPool = PostgresPool(configuration: schema.configuration, maximumConnections: 1)
            let results = try await withThrowingTaskGroup(of: [String].self) { group in
                for pool in [schema.pool, otherPool] {
                    group.addTask { try await Migrator(schema: schema.name).migrate(slow, on: pool) }
                }
                var results: [[String]] = []
                for try await applied in group { results.append(applied) }
                return results
            }
            await otherPool.close()
            #expect(results.flatMap { $0 }.sorted() == ["0001_slow", "0002_seed"])
            #expect(results.contains([]))
            do {
                let actual = try await schema.pool.query("SELECT count(*) FROM counters")[0].decode(Int.self, at: 0)
                #expect(actual == 1)
            }
        }
    }

    @Test("unqualified names land in the migrated schema whatever the session's search_path")
    func searchPathTargetsSchema() async throws {
        try await PostgresTestEnvironment.withSchema("migrate_path") { schema in
            let target = PostgresTestEnvironment.uniqueName("migrate_target")
            let migrator = try Migrator(schema: target)
            _ = try await migrator.migrate([Migration(id: "0001", sql: "CREATE TABLE placed (n int)")], on: schema.pool)
            let placement = try await schema.pool.query(
                "SELECT schemaname FROM pg_tables WHERE tablename = 'placed' AND schemaname IN ($1, $2)", target, schema.name
            ).map { try $0.decode(String.self, at: 0) }
            _ = try await schema.pool.execute("DROP SCHEMA \"\(target)\" CASCADE")
            #expect(placement == [target])
        }
    }

    @Test("invalid schema names are refused", arguments: ["Orders", "1orders", "orders-x", "", "or\"ders"])
    func invalidSchemaNames(name: String) {
        #expect(throws: MigrationError.self) { try Migrator(schema: name) }
    }

    @Test("load reads *.sql files sorted by name, ids without the extension")
    func loadsDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(PostgresTestEnvironment.uniqueName("migrations"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "CREATE TABLE b (n int);".write(to: directory.appendingPathComponent("0002_b.sql"), atomically: true, encoding: .utf8)
        try "CREATE TABLE a (n int);".write(to: directory.appendingPathComponent("0001_a.sql"), atomically: true, encoding: .utf8)
        try "not a migration".write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let loaded = try Migration.load(directory: directory)
        #expect(loaded.map(\.id) == ["0001_a", "0002_b"])
        #expect(loaded[0].sql == "CREATE TABLE a (n int);")
    }

    @Test("load names a missing directory")
    func loadMissingDirectory() {
        let missing = URL(fileURLWithPath: "/nonexistent/migrations")
        #expect {
            try Migration.load(directory: missing)
        } throws: { error in
            "\(error)".contains("/nonexistent/migrations")
        }
    }
}
