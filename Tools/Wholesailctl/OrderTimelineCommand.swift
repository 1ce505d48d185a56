import ArgumentParser
import Orders
import Outbox

/// `wholesailctl orders timeline <order-id> [--json]`.
struct OrderTimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "An order's status and every state it went through, with when and what caused it.",
        discussion: """
            Reads the orders schema directly (the same store the orders API answers GET /v1/orders/{id} from), so it \
            works for any channel's order and while the orders service is down.

            Example: wholesailctl orders timeline 0193a6f0-5c1e-7b3a-9d2e-4f1a2b3c4d5e
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The order id (as the orders API returned it).")
    var orderID: String

    @Option(help: ArgumentHelp("The orders service's schema.", valueName: "schema"))
    var schema: String = "orders"

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard !orderID.isEmpty, orderID.utf8.count <= 200 else { throw ValidationError("the order id must have 1 to 200 characters") }
        guard NameRules.isSchemaName(schema) else {
            throw ValidationError("--schema \"\(schema)\" is not a schema name (lower-case letters, digits and _, not starting with a digit)")
        }
    }

    func run() async throws {
        let store = OrdersStore(outbox: try OutboxWriter(schema: schema))
        let found = try await database.withPool(schema: schema) { pool in
            try await pool.transaction(isolation: .repeatableRead) { transaction -> OrderTimelineReport? in
                guard let order = try await store.order(id: orderID, in: transaction) else { return nil }
                return OrderTimelineReport(order: order, timeline: try await store.timeline(orderID: orderID, in: transaction))
            }
        }
        guard let report = found else {
            throw WholesailctlError.failure("no order \(orderID) in schema \(schema); check the id (GET /v1/orders lists a channel's orders)")
        }
        let console = Console.current
        if json {
            console.output(try report.json())
        } else {
            for line in report.textLines { console.output(line) }
        }
    }
}
