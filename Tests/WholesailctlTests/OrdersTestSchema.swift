import Contracts
import Foundation
import Outbox
import Persistence
import WholesailTestSupport

/// A throw-away schema migrated like the orders service's own (outbox, inbox, then the Orders module's migrations,
/// read from its source folder), for `orders timeline` and `channel-key` tests.
enum OrdersTestSchema {
    static func with<Value>(_ label: String, _ body: (PostgresTestSchema) async throws -> Value) async throws -> Value {
        try await PostgresTestEnvironment.withSchema(label) { schema in
            let folder = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Services/Orders/Sources/Migrations")
            let orders = try Migration.load(directory: folder)
            guard !orders.isEmpty else { throw TestEnvironmentError("no orders migrations in \(folder.path)") }
            _ = try await Migrator(schema: schema.name).migrate(try OutboxMigrations.all() + orders, on: schema.pool)
            return try await body(schema)
        }
    }

    /// Stores an order as intake does (the `orders.order.received.v1` payload as its document) with its first
    /// timeline entry, then the further `entries`, in order.
    static func insertOrder(
        id: String, status: String, entries: [(state: String, eventID: String?, detail: String?)], in schema: PostgresTestSchema
    ) async throws {
        let received = OrderReceived(
            orderID: id, channel: "webshop-de", channelOrderReference: "PO-\(id)", customer: "C-1001", currency: try Currency(code: "EUR"),
            shipTo: PostalAddress(lines: ["Hauptstraße 1"], city: "Berlin", postalCode: "10115", country: "DE"),
            lines: [OrderReceived.Line(lineNumber: 1, sku: "SKU-1", quantity: 2), OrderReceived.Line(lineNumber: 2, sku: "SKU-2", quantity: 1)],
            receivedAt: try StableJSON.date(from: "2026-11-27T10:00:00.000Z")
        )
        let document = String(decoding: try StableJSON.encode(received), as: UTF8.self)
        try await schema.pool.transaction { transaction in
            _ = try await transaction.execute(
                """
                INSERT INTO orders (id, channel, channel_order_reference, customer, currency, status, document, received_at)
                VALUES ($1, 'webshop-de', $2, 'C-1001', 'EUR', $3, $4::jsonb, '2026-11-27T10:00:00.000Z')
                """,
                id, "PO-\(id)", status, document
            )
            _ = try await transaction.execute(
                "INSERT INTO order_timeline (order_id, state, at, event_id, detail) VALUES ($1, 'received', '2026-11-27T10:00:00.000Z', $2, '2 line(s) from webshop-de')",
                id, "event-received-\(id)"
            )
            for (index, entry) in entries.enumerated() {
                _ = try await transaction.execute(
                    "INSERT INTO order_timeline (order_id, state, at, event_id, detail) VALUES ($1, $2, '2026-11-27T10:00:00.000Z'::timestamptz + make_interval(secs => $3), $4, $5)",
                    id, entry.state, index + 1, entry.eventID, entry.detail
                )
            }
        }
    }
}
