import Foundation
import Persistence

/// The outbox and inbox tables every service has in its own schema.
///
/// A service applies these before its own migrations:
/// `try await Migrator(schema: "orders").migrate(OutboxMigrations.all() + ordersMigrations, on: pool)`.
public enum OutboxMigrations {
    /// The migrations, in order (ids start with `outbox_`, so they never clash with a service's own).
    public static func all() throws(MigrationError) -> [Migration] {
        try Migration.load(bundle: Bundle.module, module: "Outbox")
    }
}
