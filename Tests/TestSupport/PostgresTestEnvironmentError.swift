/// Why a PostgreSQL integration test could not run. Tests fail with it; they never skip silently.
public enum PostgresTestEnvironmentError: Error, CustomStringConvertible {
    case serverUnreachable(configuration: String, reason: String)

    public var description: String {
        switch self {
        case .serverUnreachable(let configuration, let reason):
            "PostgreSQL is not reachable at \(configuration) (\(reason)). Start the local servers with `deploy/local/stack up`, or point WHOLESAIL_TEST_DATABASE_URL at a running server."
        }
    }
}
