import Logging

/// Applies a service's migrations to its own schema, at start-up, safely when several instances start at once.
///
/// Everything happens in **one transaction**: take `pg_advisory_xact_lock(1465076039, hashtext(schema))` (the
/// first key is "WSMG", reserved for migrations, so it never collides with single-key advisory locks such as the
/// outbox relay's), create the schema if it does not exist and `<schema>.schema_migrations` if missing, verify the
/// checksums of migrations already applied, then run each pending migration (with `SET LOCAL search_path` to the
/// schema) and record it with the server-computed `md5(sql)`. Either every pending migration is applied or none;
/// a second instance waits on the lock and then finds nothing left to do.
public struct Migrator: Sendable {
    /// The schema migrated, e.g. `orders`.
    public let schema: String
    private let quotedSchema: String
    private let logger: Logger

    /// The first key of the advisory lock pair ("WSMG").
    static let lockClass: Int32 = 0x5753_4D47

    /// - Throws: ``MigrationError/invalidSchemaName(_:)`` unless `schema` matches `^[a-z_][a-z0-9_]*$`.
    public init(schema: String, logger: Logger = Logger(label: "wholesail.persistence.migrator")) throws(MigrationError) {
        guard Self.isValidSchemaName(schema) else { throw .invalidSchemaName(schema) }
        self.schema = schema
        self.quotedSchema = "\"\(schema)\""
        self.logger = logger
    }

    static func isValidSchemaName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63 else { return false }
        let isLetter = { (byte: UInt8) in (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_") }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        return isLetter(first) && name.utf8.allSatisfy { isLetter($0) || isDigit($0) }
    }

    /// Applies the migrations not yet recorded, in the order given, and returns their ids (empty when the schema
    /// was up to date).
    /// - Throws: ``MigrationError`` (checksum changed, a migration failed, duplicate ids) or ``PostgresError``.
    @discardableResult
    public func migrate(_ migrations: [Migration], on pool: PostgresPool) async throws -> [String] {
        var seen = Set<String>()
        for migration in migrations where !seen.insert(migration.id).inserted {
            throw MigrationError.duplicateID(migration.id)
        }
        let schema = self.schema
        let quotedSchema = self.quotedSchema
        let applied = try await pool.transaction(maximumAttempts: 3) { transaction in
            _ = try await transaction.query("SELECT pg_advisory_xact_lock($1::int4, hashtext($2))", Self.lockClass, schema)
            let schemaExists = try await transaction.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", schema)
            if schemaExists.isEmpty {
                try await transaction.executeScript("CREATE SCHEMA \(quotedSchema)")
            }
            try await transaction.executeScript(
                """
                CREATE TABLE IF NOT EXISTS \(quotedSchema).schema_migrations (
                    id text PRIMARY KEY,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """
            )
            var appliedChecksums: [String: String] = [:]
            for row in try await transaction.query("SELECT id, checksum FROM \(quotedSchema).schema_migrations") {
                appliedChecksums[try row.decode(String.self, at: 0)] = try row.decode(String.self, at: 1)
            }

            let alreadyApplied = migrations.filter { appliedChecksums[$0.id] != nil }
            if !alreadyApplied.isEmpty {
                let checksums = try await transaction.query(
                    "SELECT md5(sql) FROM unnest($1::text[]) WITH ORDINALITY AS migration(sql, position) ORDER BY position",
                    alreadyApplied.map(\.sql)
                )
                for (migration, row) in zip(alreadyApplied, checksums)
                where try row.decode(String.self, at: 0) != appliedChecksums[migration.id] {
                    throw MigrationError.checksumMismatch(id: migration.id, schema: schema)
                }
            }

            var appliedNow: [String] = []
            for migration in migrations where appliedChecksums[migration.id] == nil {
                do throws(PostgresError) {
                    try await transaction.executeScript("SET LOCAL search_path TO \(quotedSchema)")
                    try await transaction.executeScript(migration.sql)
                } catch {
                    if error.isRetryableTransactionFailure { throw error }
                    throw MigrationError.migrationFailed(id: migration.id, schema: schema, error: error)
                }
                _ = try await transaction.execute(
                    "INSERT INTO \(quotedSchema).schema_migrations (id, checksum) VALUES ($1, md5($2))",
                    migration.id,
                    migration.sql
                )
                appliedNow.append(migration.id)
            }
            return appliedNow
        }
        if applied.isEmpty {
            self.logger.debug("schema is up to date", metadata: ["schema": "\(schema)"])
        } else {
            self.logger.info("applied migrations", metadata: ["schema": "\(schema)", "migrations": "\(applied)"])
        }
        return applied
    }
}
