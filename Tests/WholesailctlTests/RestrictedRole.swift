import Foundation
import Persistence
import WholesailTestSupport

/// A login role of one test's own that may connect to the test database and nothing else — like the local stack's
/// administrator facing a service's schema — dropped afterwards.
enum RestrictedRole {
    /// Runs `body` with the role's database URL.
    static func with<Value>(_ body: (_ role: String, _ url: String) async throws -> Value) async throws -> Value {
        let role = PostgresTestEnvironment.uniqueName("ctl_role")
        let admin = try await PostgresTestEnvironment.connect(try PostgresTestEnvironment.configuration(applicationName: "\(role)_admin"))
        let database = admin.configuration.database
        let outcome: Result<Value, any Error>
        do {
            _ = try await admin.execute("CREATE ROLE \"\(role)\" LOGIN PASSWORD '\(role)'")
            try await changeDatabaseACL("GRANT CONNECT ON DATABASE \"\(database)\" TO \"\(role)\"", on: admin)
            let host = admin.configuration.host.contains(":") ? "[\(admin.configuration.host)]" : admin.configuration.host
            outcome = .success(try await body(role, "postgresql://\(role):\(role)@\(host):\(admin.configuration.port)/\(database)"))
        } catch {
            outcome = .failure(error)
        }
        try? await changeDatabaseACL("REVOKE CONNECT ON DATABASE \"\(database)\" FROM \"\(role)\"", on: admin)
        _ = try? await admin.execute("DROP ROLE IF EXISTS \"\(role)\"")
        await admin.close()
        return try outcome.get()
    }

    /// Runs a GRANT or REVOKE on the database. Two of them at once update the same catalog row and one fails with
    /// "tuple concurrently updated" (XX000): they take an advisory lock, and a collision with another process is retried.
    private static func changeDatabaseACL(_ statement: String, on admin: PostgresConnection) async throws {
        var attempt = 1
        while true {
            do {
                _ = try await admin.execute("BEGIN")
                _ = try await admin.execute("SELECT pg_advisory_xact_lock(hashtext('wholesailctl-tests-database-acl'))")
                _ = try await admin.execute(statement)
                _ = try await admin.execute("COMMIT")
                return
            } catch {
                _ = try? await admin.execute("ROLLBACK")
                guard attempt < 5 else { throw error }
                attempt += 1
                try await Task.sleep(for: .milliseconds(50 * attempt))
            }
        }
    }
}
