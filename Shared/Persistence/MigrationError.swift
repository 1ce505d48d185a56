/// Why migrations could not be loaded or applied. The service must not start with its schema in doubt.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    /// The schema name does not match `^[a-z_][a-z0-9_]*$`.
    case invalidSchemaName(String)
    /// The migrations directory could not be listed.
    case unreadableDirectory(path: String, reason: String)
    /// A migration file could not be read as UTF-8.
    case unreadableFile(path: String, reason: String)
    /// Two migrations share an id.
    case duplicateID(String)
    /// An applied migration's SQL differs from what was applied (its checksum changed).
    case checksumMismatch(id: String, schema: String)
    /// PostgreSQL rejected a migration; nothing of this run was applied.
    case migrationFailed(id: String, schema: String, error: PostgresError)

    public var description: String {
        switch self {
        case .invalidSchemaName(let name):
            "Invalid schema name \"\(name)\": use lower-case letters, digits and underscores, not starting with a digit."
        case .unreadableDirectory(let path, let reason):
            "Cannot list the migrations directory \(path): \(reason). Check that the migrations are shipped as resources."
        case .unreadableFile(let path, let reason):
            "Cannot read the migration \(path) as UTF-8: \(reason)."
        case .duplicateID(let id):
            "Two migrations have the id \"\(id)\"; give every migration file a unique name."
        case .checksumMismatch(let id, let schema):
            "Migration \"\(id)\" was already applied to schema \(schema) but its SQL has changed since. Restore the original file and put the change in a new migration."
        case .migrationFailed(let id, let schema, let error):
            "Migration \"\(id)\" failed on schema \(schema), so no migration of this run was applied: \(error)"
        }
    }
}
