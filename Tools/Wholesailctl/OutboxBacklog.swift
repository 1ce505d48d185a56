import Persistence

/// How far one service's outbox relay is behind: unpublished rows and the age of the oldest.
struct OutboxBacklog: Sendable, Hashable {
    enum State: Sendable, Hashable {
        /// There is no schema of that name.
        case noSchema
        /// The schema exists but has no outbox table yet: the service never applied its migrations.
        case notMigrated
        /// The connected role may not read the outbox.
        case noAccess(role: String)
        /// Rows not yet published, and how long the oldest has waited (nil when there are none).
        case backlog(unpublished: Int, oldestAgeMilliseconds: Int64?)
    }

    var schema: String
    var state: State

    /// Reads `schema`'s outbox. The schema name must satisfy ``NameRules/isSchemaName(_:)``: it is spliced into SQL.
    static func read(schema: String, on pool: PostgresPool) async throws(PostgresError) -> OutboxBacklog {
        guard NameRules.isSchemaName(schema) else {
            throw PostgresError(code: .invalidParameter, message: "\"\(schema)\" is not a plain schema name")
        }
        // The catalog is readable by every role, so existence is known even without rights on the schema.
        let catalog = try await pool.query(
            """
            SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1),
                   EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = $1 AND c.relname = 'outbox' AND c.relkind IN ('r', 'p')),
                   current_user::text
            """,
            schema
        )
        guard let row = catalog.first else { return OutboxBacklog(schema: schema, state: .notMigrated) }
        guard try row.decode(Bool.self, at: 0) else { return OutboxBacklog(schema: schema, state: .noSchema) }
        guard try row.decode(Bool.self, at: 1) else { return OutboxBacklog(schema: schema, state: .notMigrated) }
        let role = try row.decode(String.self, at: 2)
        let rights = try await pool.query(
            "SELECT has_schema_privilege($1, 'USAGE') AND has_table_privilege(quote_ident($1) || '.outbox', 'SELECT')", schema
        )
        guard try rights.first?.decode(Bool.self, at: 0) == true else { return OutboxBacklog(schema: schema, state: .noAccess(role: role)) }
        let counts = try await pool.query(
            """
            SELECT count(*)::bigint, (EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)) * 1000)::bigint
            FROM "\(schema)".outbox WHERE published_at IS NULL
            """
        )
        guard let counted = counts.first else { return OutboxBacklog(schema: schema, state: .backlog(unpublished: 0, oldestAgeMilliseconds: nil)) }
        return OutboxBacklog(
            schema: schema,
            state: .backlog(unpublished: try counted.decode(Int.self, at: 0), oldestAgeMilliseconds: try counted.decode(Int64?.self, at: 1))
        )
    }

    /// The status column: `12` unpublished and `3.4s` oldest, or why there is no number.
    var columns: (unpublished: String, oldest: String) {
        switch state {
        case .noSchema:
            ("no schema", "")
        case .notMigrated:
            ("not migrated", "")
        case .noAccess(let role):
            ("no access", "\(role) may not read \(schema).outbox: GRANT \(schema) TO \(role), or pass --database-url as \(schema)")
        case .backlog(let unpublished, let oldest):
            ("\(unpublished)", oldest.map { DurationText.format(milliseconds: $0) } ?? "-")
        }
    }
}
