import Persistence

/// A schema created for one test by ``PostgresTestEnvironment/withSchema(_:maximumConnections:acquireTimeout:callerIsolation:_:)``.
public struct PostgresTestSchema: Sendable {
    /// The schema's name (also the connections' `application_name`, to find them in `pg_stat_activity`).
    public let name: String
    /// Admin settings with `search_path` set to the schema and `application_name` set to ``name``.
    public let configuration: PostgresConfiguration
    /// A pool over ``configuration``; closed when the test's body returns.
    public let pool: PostgresPool

    public init(name: String, configuration: PostgresConfiguration, pool: PostgresPool) {
        self.name = name
        self.configuration = configuration
        self.pool = pool
    }

    /// The schema's name quoted for SQL (`"test_x_…"`).
    public var quotedName: String { "\"\(self.name)\"" }
}
