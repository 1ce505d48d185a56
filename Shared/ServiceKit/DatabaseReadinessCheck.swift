import Persistence

/// Ready when the pool can lease a connection and run `SELECT 1`.
public struct DatabaseReadinessCheck: ReadinessCheck {
    public let name: String
    private let pool: PostgresPool

    public init(pool: PostgresPool, name: String = "database") {
        self.pool = pool
        self.name = name
    }

    public func check() async throws {
        _ = try await pool.query("SELECT 1")
    }
}
