import Contracts
import Foundation
import Inventory
import Outbox
import Persistence
import Testing
import WholesailTestSupport

/// `InventoryStore.apply(contentsOf:)`: several positions changed in one statement, exactly as one at a time would.
@Suite("Position changes in one statement")
struct PositionChangesTests {
    static func withStore<Value>(_ label: String, _ body: (InventoryStore, PostgresPool) async throws -> Value) async throws -> Value {
        try await PostgresTestEnvironment.withSchema(label) { schema in
            _ = try await Migrator(schema: schema.name).migrate(try OutboxMigrations.all() + InventoryService.migrations(), on: schema.pool)
            let store = InventoryStore(outbox: try OutboxWriter(schema: schema.name))
            _ = try await schema.pool.execute("INSERT INTO warehouses (id, country) VALUES ('HAM', 'DE'), ('MUC', 'DE')")
            _ = try await schema.pool.execute("INSERT INTO items (sku) VALUES ('BOLT'), ('NUT'), ('WASHER')")
            try await schema.pool.transaction { transaction in
                for (sku, warehouse, units) in [("BOLT", "HAM", 10), ("NUT", "HAM", 20), ("NUT", "MUC", 30)] {
                    try await store.apply(PositionChange(sku: sku, warehouse: warehouse, onHandDelta: units, reservedDelta: 0, kind: "receipt"), in: transaction)
                }
            }
            return try await body(store, schema.pool)
        }
    }

    static func reservation(_ sku: String, _ warehouse: String, _ units: Int) -> PositionChange {
        PositionChange(sku: sku, warehouse: warehouse, onHandDelta: 0, reservedDelta: units, kind: "reservation", reference: "O-1")
    }

    @Test func eachPositionChangesOnceWithItsLedgerEntryAndEventInTheOrderGiven() async throws {
        try await Self.withStore("changes_batch") { store, pool in
            let events = try await pool.transaction { transaction in
                try await store.apply(contentsOf: [Self.reservation("NUT", "MUC", 5), Self.reservation("BOLT", "HAM", 2), Self.reservation("NUT", "HAM", 1)], in: transaction)
            }
            #expect(events.map { "\($0.sku)@\($0.warehouse) \($0.onHand)/\($0.reserved) #\($0.sequence)" } == ["NUT@MUC 30/5 #2", "BOLT@HAM 10/2 #2", "NUT@HAM 20/1 #2"])
            #expect(events.map(\.available) == [25, 8, 19])
            let ledger = try await pool.query("SELECT sku || '@' || warehouse, reserved_delta, reference FROM ledger WHERE kind = 'reservation' ORDER BY entry").map {
                "\(try $0.decode(String.self, at: 0)) \(try $0.decode(Int.self, at: 1)) \(try $0.decode(String.self, at: 2))"
            }
            #expect(ledger == ["NUT@MUC 5 O-1", "BOLT@HAM 2 O-1", "NUT@HAM 1 O-1"])
            let outbox = try await pool.query("SELECT aggregate_id, payload->'payload'->>'reserved' FROM outbox WHERE payload->'payload'->>'cause' = 'reservation' ORDER BY sequence").map {
                "\(try $0.decode(String.self, at: 0)) \(try $0.decode(String.self, at: 1))"
            }
            #expect(outbox == ["NUT@MUC 5", "BOLT@HAM 2", "NUT@HAM 1"])
        }
    }

    @Test func aPositionNotStoredYetIsCreatedAndItsEventKeepsItsPlace() async throws {
        try await Self.withStore("changes_new_position") { store, pool in
            let events = try await pool.transaction { transaction in
                try await store.apply(contentsOf: [
                    PositionChange(sku: "BOLT", warehouse: "HAM", onHandDelta: 1, reservedDelta: 0, kind: "receipt"),
                    PositionChange(sku: "WASHER", warehouse: "HAM", onHandDelta: 7, reservedDelta: 0, kind: "receipt"),
                ], in: transaction)
            }
            #expect(events.map { "\($0.sku) \($0.onHand) #\($0.sequence)" } == ["BOLT 11 #2", "WASHER 7 #1"])
            #expect(try await pool.query("SELECT on_hand FROM positions WHERE sku = 'WASHER'").first?.decode(Int.self, at: 0) == 7)
        }
    }

    @Test func aPositionNamedTwiceIsChangedTwiceInTurn() async throws {
        try await Self.withStore("changes_twice") { store, pool in
            let events = try await pool.transaction { transaction in
                try await store.apply(contentsOf: [Self.reservation("BOLT", "HAM", 2), Self.reservation("BOLT", "HAM", 3)], in: transaction)
            }
            #expect(events.map(\.reserved) == [2, 5])
            #expect(events.map(\.sequence) == [2, 3])
        }
    }

    @Test func aChangeTakingAPositionBelowZeroChangesNothing() async throws {
        try await Self.withStore("changes_negative") { store, pool async throws in
            await #expect(throws: PostgresError.self) {
                try await pool.transaction(maximumAttempts: 1) { transaction in
                    try await store.apply(contentsOf: [
                        Self.reservation("NUT", "HAM", 1),
                        PositionChange(sku: "BOLT", warehouse: "HAM", onHandDelta: -11, reservedDelta: 0, kind: "issue"),
                    ], in: transaction)
                }
            }
            #expect(try await pool.query("SELECT sum(reserved)::int FROM positions").first?.decode(Int.self, at: 0) == 0)
            #expect(try await pool.query("SELECT count(*)::int FROM ledger").first?.decode(Int.self, at: 0) == 3)
        }
    }
}
