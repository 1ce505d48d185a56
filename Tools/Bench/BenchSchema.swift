import Logging
import Outbox
import Persistence

/// A schema of this run's own (`bench_<run id>`): the outbox and inbox tables plus `orders` and
/// `order_lines`; created with the `Migrator` like a service's, dropped at the end.
struct BenchSchema: Sendable {
    let name: String
    let pool: PostgresPool

    /// The order tables, applied after the outbox migrations.
    static let ordersMigration = Migration(
        id: "0001_bench_orders",
        sql: """
            CREATE TABLE orders (
                id           bigint      PRIMARY KEY,
                customer_id  bigint      NOT NULL,
                status       text        NOT NULL,
                total_minor  bigint      NOT NULL,
                currency     text        NOT NULL,
                created_at   timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE order_lines (
                order_id          bigint NOT NULL REFERENCES orders (id),
                line_number       int    NOT NULL,
                sku               text   NOT NULL,
                quantity          int    NOT NULL,
                unit_price_minor  bigint NOT NULL,
                PRIMARY KEY (order_id, line_number)
            );
            """
    )

    /// Creates and migrates the schema; the pool has room for `maximumConnections` concurrent clients.
    static func create(environment: BenchEnvironment, maximumConnections: Int) async throws -> BenchSchema {
        let name = "bench_\(environment.runID)"
        let pool = PostgresPool(configuration: environment.database, maximumConnections: maximumConnections, logger: environment.logger)
        do {
            try await Migrator(schema: name, logger: environment.logger).migrate(
                try OutboxMigrations.all() + [ordersMigration], on: pool
            )
        } catch {
            _ = try? await pool.execute("DROP SCHEMA IF EXISTS \"\(name)\" CASCADE")
            await pool.close()
            throw BenchError("cannot create the benchmark schema \(name): \(error)")
        }
        return BenchSchema(name: name, pool: pool)
    }

    /// Empties the tables, so every run starts from the same table and index sizes.
    func truncate() async throws {
        _ = try await pool.execute("TRUNCATE \"\(name)\".order_lines, \"\(name)\".orders, \"\(name)\".outbox")
    }

    /// Drops the schema and closes the pool.
    func drop() async {
        do {
            _ = try await pool.execute("DROP SCHEMA IF EXISTS \"\(name)\" CASCADE")
        } catch {
            Console.error("wholesail-bench: could not drop schema \(name): \(error); drop it by hand")
        }
        await pool.close()
    }
}
