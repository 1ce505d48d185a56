import Foundation
import Persistence

/// The outbox and inbox tables every service has in its own schema.
///
/// A service applies these before its own migrations:
/// `try await Migrator(schema: "orders").migrate(OutboxMigrations.all() + ordersMigrations, on: pool)`.
public enum OutboxMigrations {
    /// The migrations, in order (ids start with `outbox_`, so they never clash with a service's own).
    public static func all() throws(MigrationError) -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw MigrationError.unreadableDirectory(path: "Outbox.bundle/Migrations", reason: "missing from the resource bundle; the build is incomplete")
        }
        return try Migration.load(directory: directory)
    }
}
