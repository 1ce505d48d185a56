import Persistence
import WholesailTestSupport

/// A PostgreSQL database of the suite's own, laid out as `deploy/local/stack`'s `pg_provision` lays out `wholesail`:
/// `public` closed to everyone, one schema per service owned by the service's role, `CONNECT` for the five roles.
///
/// The admin role (`WHOLESAIL_TEST_DATABASE_URL`) needs `CREATEDB` and `CREATEROLE`; to create a schema owned by a
/// service role it is made a member of that role for the moment it takes (and only if it was not one already).
struct IsolatedDatabase: Sendable {
    let name: String
    /// The server, as the admin URL names it.
    let host: String
    let port: Int

    /// Creates `name` with the schemas of `services`.
    static func create(name: String, services: [String]) async throws -> IsolatedDatabase {
        let admin = try PostgresTestEnvironment.configuration(applicationName: "\(name)-setup")
        let server = try await PostgresTestEnvironment.connect(admin)
        do {
            _ = try await server.execute("CREATE DATABASE \(name) OWNER \(admin.user)")
            _ = try await server.execute("REVOKE ALL ON DATABASE \(name) FROM PUBLIC")
            _ = try await server.execute("GRANT CONNECT ON DATABASE \(name) TO \(services.joined(separator: ", "))")
            await server.close()
        } catch {
            await server.close()
            throw error
        }
        var inside = admin
        inside.database = name
        let database = try await PostgresTestEnvironment.connect(inside)
        do {
            _ = try await database.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
            for service in services {
                let membership = try await database.query("SELECT pg_has_role(current_user, $1, 'MEMBER')", service)
                let isMember = try membership.first?.decode(Bool.self, at: 0) ?? false
                if !isMember { _ = try await database.execute("GRANT \(service) TO \(admin.user)") }
                _ = try await database.execute("CREATE SCHEMA \(service) AUTHORIZATION \(service)")
                if !isMember { _ = try await database.execute("REVOKE \(service) FROM \(admin.user)") }
            }
            await database.close()
        } catch {
            await database.close()
            try? await drop(name: name)
            throw error
        }
        return IsolatedDatabase(name: name, host: admin.host, port: admin.port)
    }

    /// The URL a service connects with: its own role (password = role name), this database.
    func url(service: String) -> String {
        "postgresql://\(service):\(service)@\(host):\(port)/\(name)"
    }

    /// Drops the database, ending whatever sessions are still connected.
    func drop() async throws {
        try await Self.drop(name: name)
    }

    private static func drop(name: String) async throws {
        let server = try await PostgresTestEnvironment.connect(try PostgresTestEnvironment.configuration(applicationName: "\(name)-cleanup"))
        do {
            _ = try await server.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            await server.close()
        } catch {
            await server.close()
            throw error
        }
    }
}
