import ArgumentParser
import Contracts
import Orders
import Persistence

/// `wholesailctl channel-key create|list|revoke`: the API keys sales channels use on the orders API, through the
/// Orders module's own key store (the same code as `orders api-keys`).
struct ChannelKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channel-key",
        abstract: "Create, list and revoke the API keys sales channels use on the orders API.",
        discussion: "Only a key's SHA-256 is stored: the key is printed once, when it is created.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    /// What every channel-key subcommand needs: the database and the orders schema.
    struct StoreOptions: ParsableArguments {
        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("The orders service's schema.", valueName: "schema"))
        var schema: String = "orders"

        func validate() throws {
            guard NameRules.isSchemaName(schema) else {
                throw ValidationError("--schema \"\(schema)\" is not a schema name (lower-case letters, digits and _, not starting with a digit)")
            }
        }

        /// Runs `body` with the key store of the orders schema.
        func withKeys<Value>(_ body: (APIKeys) async throws -> Value) async throws -> Value {
            try await database.withPool(schema: schema) { pool in
                try await body(APIKeys(pool: pool))
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key for a channel and print it once.",
            discussion: "Example: wholesailctl channel-key create --channel webshop-de --label \"web shop, ops team\""
        )

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("The channel the key acts for, e.g. webshop-de.", valueName: "channel"))
        var channel: String

        @Option(help: ArgumentHelp("A note for people, e.g. who holds the key.", valueName: "text"))
        var label: String?

        func run() async throws {
            let (record, key) = try await store.withKeys { keys in
                do {
                    return try await keys.create(channel: channel, label: label)
                } catch let error as APIKeyError {
                    throw WholesailctlError.usage("--channel: \(error.description)")
                }
            }
            let console = Console.current
            console.output("created key \(record.id) for channel \(record.channel); store it now, it is not shown again:")
            console.output(key)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List keys: id, channel, state and label (never the keys).",
            discussion: "Example: wholesailctl channel-key list --channel webshop-de"
        )

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("Only this channel's keys.", valueName: "channel"))
        var channel: String?

        func run() async throws {
            let records = try await store.withKeys { keys in try await keys.list(channel: channel) }
            let console = Console.current
            guard !records.isEmpty else {
                console.output(channel.map { "no keys for channel \($0)" } ?? "no keys")
                return
            }
            for record in records {
                let state = record.revokedAt.map { "revoked \((try? ISO8601Timestamp.format($0)) ?? "\($0)")" } ?? "active"
                console.output("\(record.id)  \(record.channel)  \(state)  \(record.label ?? "")".trimmingTrailingSpaces())
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key by id; the orders service stops accepting it within its key cache time.",
            discussion: "Example: wholesailctl channel-key revoke 3f9a1c2e7b4d5a60"
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The key id (the part after wsk_, as list shows it).", valueName: "key-id"))
        var keyID: String

        func run() async throws {
            let revoked = try await store.withKeys { keys in try await keys.revoke(id: keyID) }
            guard revoked else {
                throw WholesailctlError.failure("no active key \(keyID); see wholesailctl channel-key list")
            }
            Console.current.output("revoked key \(keyID)")
        }
    }
}
