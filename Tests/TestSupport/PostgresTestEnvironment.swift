import Foundation
import Logging
import Persistence

/// Connection settings and throw-away schemas for integration tests against the local stack's real PostgreSQL.
///
/// Reads `WHOLESAIL_TEST_DATABASE_URL` (default: the stack's admin URL). When the server cannot be reached the test
/// fails (never skips) with ``PostgresTestEnvironmentError``, which names `deploy/local/stack up`.
public enum PostgresTestEnvironment {
    /// The environment variable holding the admin URL used by tests.
    public static let urlVariable = "WHOLESAIL_TEST_DATABASE_URL"
    /// The local stack's admin URL.
    public static let defaultURL = "postgresql://wholesail_admin:wholesail_admin@127.0.0.1:25432/wholesail"

    /// The admin configuration from `WHOLESAIL_TEST_DATABASE_URL` (or the default).
    public static func configuration(applicationName: String? = nil, searchPath: [String]? = nil) throws -> PostgresConfiguration {
        let url = ProcessInfo.processInfo.environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultURL
        var configuration = try PostgresConfiguration(url: url)
        configuration.connectTimeout = .seconds(5)
        if let applicationName { configuration.applicationName = applicationName }
        if let searchPath { configuration.searchPath = searchPath }
        return configuration
    }

    /// Opens a connection, turning "server unreachable" into a failure that says how to start the servers.
    public static func connect(
        _ configuration: PostgresConfiguration,
        logger: Logger = Logger(label: "wholesail.test.postgres")
    ) async throws -> PostgresConnection {
        // Written as `do throws(PostgresError)` + guard: a `catch … where …` clause here crashes the Swift 6.3.1
        // compiler (stack overflow in MandatoryAllocBoxToStack).
        do throws(PostgresError) {
            return try await PostgresConnection.connect(configuration: configuration, logger: logger)
        } catch {
            guard error.code == .connectionFailed else { throw error }
            throw PostgresTestEnvironmentError.serverUnreachable(configuration: "\(configuration)", reason: error.message)
        }
    }

    /// A fresh lower-case identifier such as `test_pool_3f9a1c2e`.
    public static func uniqueName(_ label: String) -> String {
        let cleaned = String(label.lowercased().map { (character: Character) -> Character in
            let isAlphanumericASCII: Bool = character.isASCII && (character.isLetter || character.isNumber)
            return isAlphanumericASCII ? character : "_"
        })
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10)
        return "test_\(String(cleaned.prefix(30)))_\(suffix)"
    }

    /// Creates a schema of its own for one test, hands it (with a pool whose `search_path` is that schema and whose
    /// connections carry a unique `application_name`) to `body`, then closes the pool and drops the schema.
    public static func withSchema<Value>(
        _ label: String = "test",
        maximumConnections: Int = 4,
        acquireTimeout: Duration = .seconds(10),
        callerIsolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresTestSchema) async throws -> Value
    ) async throws -> Value {
        let name = uniqueName(label)
        let admin = try await connect(try configuration(applicationName: "\(name)_admin"))
        let schema: PostgresTestSchema
        do {
            _ = try await admin.execute("CREATE SCHEMA \"\(name)\"")
            let configuration = try configuration(applicationName: name, searchPath: [name])
            schema = PostgresTestSchema(
                name: name,
                configuration: configuration,
                pool: PostgresPool(
                    configuration: configuration,
                    maximumConnections: maximumConnections,
                    acquireTimeout: acquireTimeout,
                    logger: Logger(label: "wholesail.test.postgres.pool")
                )
            )
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
        let outcome: Result<Value, any Error>
        do {
            outcome = .success(try await body(schema))
        } catch {
            outcome = .failure(error)
        }
        await schema.pool.close()
        // A fresh session for the cleanup: the test may have restarted the server meanwhile.
        do {
            let cleanup = try await connect(try configuration(applicationName: "\(name)_admin"))
            do {
                _ = try await cleanup.execute("DROP SCHEMA IF EXISTS \"\(name)\" CASCADE")
            } catch {
                await cleanup.close()
                throw error
            }
            await cleanup.close()
        } catch {
            if case .success = outcome { throw error }
        }
        return try outcome.get()
    }
}
