import ArgumentParser
import Persistence

/// `wholesailctl outbox status [--schema S…]`.
struct OutboxStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Per service schema: unpublished outbox rows and the age of the oldest.",
        discussion: """
            A growing count or age means that service's relay is not publishing (broker down, relay stopped). A schema \
            whose service never ran shows "not migrated". The command exits 0 whatever the backlog; it fails only when \
            the database cannot be reached.

            Example: wholesailctl outbox status
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(
        name: .customLong("schema"),
        help: ArgumentHelp("A schema to inspect (repeatable); default: \(LocalStack.services.joined(separator: ", ")).", valueName: "schema")
    )
    var schemas: [String] = []

    func validate() throws {
        for schema in schemas where !NameRules.isSchemaName(schema) {
            throw ValidationError("--schema \"\(schema)\" is not a schema name (lower-case letters, digits and _, not starting with a digit)")
        }
    }

    func run() async throws {
        let chosen = schemas.isEmpty ? LocalStack.services : schemas
        let backlogs = try await database.withPool(schema: nil) { pool in
            var backlogs: [OutboxBacklog] = []
            for schema in chosen {
                backlogs.append(try await OutboxBacklog.read(schema: schema, on: pool))
            }
            return backlogs
        }
        let console = Console.current
        let rows = [("SCHEMA", "UNPUBLISHED", "OLDEST")] + backlogs.map { ($0.schema, $0.columns.unpublished, $0.columns.oldest) }
        let schemaWidth = rows.map(\.0.count).max() ?? 0
        let countWidth = rows.map(\.1.count).max() ?? 0
        for row in rows {
            let line = Self.padded(row.0, to: schemaWidth) + "  " + Self.padded(row.1, to: countWidth) + "  " + row.2
            console.output(line.trimmingTrailingSpaces())
        }
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
