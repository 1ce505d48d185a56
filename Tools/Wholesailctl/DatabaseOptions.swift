import ArgumentParser
import Persistence
import ServiceKit

/// How to reach PostgreSQL: `--database-url`, else `WHOLESAIL_DATABASE_URL`, else the local stack's administrator URL.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "PostgreSQL URL, postgresql://user:password@host:port/database.",
            discussion: "Default: $WHOLESAIL_DATABASE_URL, else \(LocalStack.adminDatabaseURL).",
            valueName: "url"
        )
    )
    var databaseURL: String?

    @Option(
        name: .customLong("connect-timeout"),
        help: ArgumentHelp("How long to wait for the database before giving up (2s, 5s, 1m).", valueName: "duration")
    )
    var connectTimeout: String = "5s"

    func validate() throws {
        _ = try configuration()
        _ = try timeout()
    }

    /// The URL in force: the flag, the environment or the local stack's.
    var url: String {
        databaseURL ?? EnvironmentReader().value("WHOLESAIL_DATABASE_URL") ?? LocalStack.adminDatabaseURL
    }

    func configuration() throws(ValidationError) -> PostgresConfiguration {
        do throws(PostgresError) {
            var configuration = try PostgresConfiguration(url: url)
            if configuration.applicationName == nil { configuration.applicationName = "wholesailctl" }
            return configuration
        } catch {
            throw ValidationError("--database-url: \(error.message)")
        }
    }

    func timeout() throws(ValidationError) -> Duration {
        guard let duration = DurationText.parse(connectTimeout), duration > .zero, duration <= .seconds(600) else {
            throw ValidationError("--connect-timeout \"\(connectTimeout)\" is not a duration from 1ms to 10m such as 2s, 5s or 1m")
        }
        return duration
    }

    /// Checks the server answers, then runs `body` with a one-connection pool and closes it, whatever happens.
    /// Database failures become one-line ``WholesailctlError``s that say what to do.
    /// - Parameter schema: put on the session's `search_path` (the Orders store's statements name tables without
    ///   their schema), and named in errors.
    func withPool<Value>(schema: String?, _ body: (PostgresPool) async throws -> Value) async throws -> Value {
        var configuration = try configuration()
        let timeout = try timeout()
        configuration.connectTimeout = timeout
        if let schema { configuration.searchPath = [schema] }
        // One direct attempt first: the pool would keep retrying an unreachable server for its whole acquire timeout.
        do throws(PostgresError) {
            let probe = try await PostgresConnection.connect(configuration: configuration, logger: .silent("wholesailctl.postgres"))
            await probe.close()
        } catch {
            throw WholesailctlError.failure(
                "cannot connect to PostgreSQL at \(configuration) (\(error.message)); \(LocalStack.startHint), "
                    + "or pass --database-url / set WHOLESAIL_DATABASE_URL"
            )
        }
        let pool = PostgresPool(
            configuration: configuration, maximumConnections: 1, acquireTimeout: timeout, logger: .silent("wholesailctl.postgres")
        )
        do {
            if let schema { try await Self.checkAccess(to: schema, as: configuration.user, on: pool) }
            let value = try await body(pool)
            await pool.close()
            return value
        } catch let error as PostgresError {
            await pool.close()
            throw Self.explain(error, configuration: configuration, schema: schema)
        } catch {
            await pool.close()
            throw error
        }
    }

    /// Fails clearly when `schema` does not exist or the role may not use it: PostgreSQL would otherwise skip it on
    /// the `search_path` silently and report a missing table.
    private static func checkAccess(to schema: String, as user: String, on pool: PostgresPool) async throws {
        let exists = try await pool.query("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1)", schema)
        guard try exists.first?.decode(Bool.self, at: 0) == true else {
            throw WholesailctlError.failure("there is no schema \(schema) in this database; check --schema and --database-url")
        }
        let usable = try await pool.query("SELECT has_schema_privilege($1, 'USAGE')", schema)
        guard try usable.first?.decode(Bool.self, at: 0) == true else {
            throw WholesailctlError.failure(
                "PostgreSQL role \(user) may not use schema \(schema); connect as the schema's own role with --database-url, "
                    + "or let \(user) act for it once: GRANT \(schema) TO \(user)"
            )
        }
    }

    /// What a database error means for an operator.
    static func explain(_ error: PostgresError, configuration: PostgresConfiguration, schema: String?) -> WholesailctlError {
        let serverMessage = error.serverInfo?.message ?? error.message
        switch error.sqlState {
        case "42501":
            let schemaName = schema ?? "the service's schema"
            return .failure(
                "PostgreSQL role \(configuration.user) may not use \(schemaName) (\(serverMessage)); connect as the schema's own role "
                    + "with --database-url, or let \(configuration.user) act for it once: GRANT \(schema ?? "<service>") TO \(configuration.user)"
            )
        case "42P01":
            let schemaName = schema.map { "schema \($0)" } ?? "the schema"
            return .failure(
                "\(schemaName) is missing a table (\(serverMessage)); the service has not applied its migrations there yet — start it once"
            )
        default:
            if error.isConnectionError {
                return .failure("the connection to PostgreSQL at \(configuration) failed during the command (\(error.message)); run it again")
            }
            return .failure(error.description)
        }
    }
}
