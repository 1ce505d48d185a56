import ArgumentParser
import Contracts
import Foundation
import Logging
import Orders
import Outbox
import Persistence
import ServiceKit

/// `orders api-keys create|list|revoke`: channel API keys, against the database in `WHOLESAIL_DATABASE_URL`
/// (migrations are applied first, so this works before the service ever ran).
struct APIKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-keys",
        abstract: "Create, list and revoke channel API keys (only their SHA-256 hashes are stored).",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key for a channel and print it once.")
        @Option(help: "The channel the key acts for, e.g. webshop-de.") var channel: String
        @Option(help: "A note for people, e.g. who holds the key.") var label: String?

        func run() async throws {
            try await APIKeysCommand.withKeys { keys in
                let (record, key) = try await keys.create(channel: channel, label: label)
                print("created key \(record.id) for channel \(record.channel); store it now, it is not shown again:")
                print(key)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (ids, channels, state; never the keys).")
        @Option(help: "Only this channel's keys.") var channel: String?

        func run() async throws {
            try await APIKeysCommand.withKeys { keys in
                for record in try await keys.list(channel: channel) {
                    let state = record.revokedAt.map { "revoked \((try? ISO8601Timestamp.format($0)) ?? "")" } ?? "active"
                    print("\(record.id)  \(record.channel)  \(state)  \(record.label ?? "")")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by id; it stops working within the key cache time.")
        @Argument(help: "The key id (the part after wsk_).") var id: String

        func run() async throws {
            try await APIKeysCommand.withKeys { keys in
                guard try await keys.revoke(id: id) else {
                    StandardError.exit(command: "orders api-keys revoke", reason: "no active key \(id); see orders api-keys list")
                }
                print("revoked key \(id)")
            }
        }
    }

    /// Connects, migrates, runs `body`; any failure is one line on standard error and exit status 1.
    static func withKeys(_ body: (APIKeys) async throws -> Void) async throws {
        let configuration = ServiceConfiguration.loadOrExit(service: OrdersService.name)
        let pool = PostgresPool(configuration: configuration.database, maximumConnections: 1)
        do {
            _ = try await Migrator(schema: configuration.service, logger: Logger(label: "orders.api-keys"))
                .migrate(try OutboxMigrations.all() + OrdersService.migrations(), on: pool)
            try await body(APIKeys(pool: pool))
            await pool.close()
        } catch {
            await pool.close()
            StandardError.exit(command: "orders api-keys", reason: "\(error)")
        }
    }
}
