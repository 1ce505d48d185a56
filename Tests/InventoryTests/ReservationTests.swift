import Contracts
import Foundation
import Inventory
import Messaging
import Testing
import WholesailTestSupport

/// Reservations through the real broker and database.
@Suite("Reservations")
struct ReservationTests {
    static let munich = (id: "MUC", country: "DE", regions: ["BY"], postalPrefixes: ["80", "81"])
    static let hamburg = (id: "HAM", country: "DE", regions: ["HH"], postalPrefixes: ["20", "21", "22"])

    @Test func twoHundredConcurrentOrdersForFiftyUnitsReserveExactlyFifty() async throws {
        try await InventoryServiceHarness.with("inventory_hot", extraEnvironment: ["WHOLESAIL_CONSUMER_CONCURRENCY": "16", "WHOLESAIL_CONSUMER_PREFETCH": "64"]) { service, schema in
            try await service.load(warehouses: [Self.munich, Self.hamburg], items: ["HOT"], stock: [("MUC", "HOT", 30), ("HAM", "HOT", 20)])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 0..<200 {
                    group.addTask { _ = try await service.order("O-\(number)", [("HOT", 1)]) }
                }
                try await group.waitForAll()
            }
            let confirmed = try await service.collect(ReservationConfirmed.self, expecting: 50, timeout: .seconds(60))
            #expect(try await eventually(timeout: .seconds(60)) {
                try await schema.pool.query("SELECT count(*) FROM reservations").first?.decode(Int.self, at: 0) == 200
            })
            #expect(confirmed.count == 50)
            #expect(confirmed.flatMap(\.payload.allocations).reduce(0) { $0 + $1.quantity } == 50)
            let statuses = try await schema.pool.query("SELECT status, count(*) FROM reservations GROUP BY status ORDER BY status")
                .map { "\(try $0.decode(String.self, at: 0))=\(try $0.decode(Int.self, at: 1))" }
            #expect(statuses == ["failed=150", "reserved=50"])

            let positions = try await schema.pool.query("SELECT warehouse, on_hand, reserved FROM positions WHERE sku = 'HOT' ORDER BY warehouse")
                .map { "\(try $0.decode(String.self, at: 0)):\(try $0.decode(Int.self, at: 1))/\(try $0.decode(Int.self, at: 2))" }
            #expect(positions == ["HAM:20/20", "MUC:30/30"])
            // The ledger rebuilds the positions exactly.
            let ledger = try await schema.pool.query(
                "SELECT warehouse, sum(on_hand_delta), sum(reserved_delta) FROM ledger WHERE sku = 'HOT' GROUP BY warehouse ORDER BY warehouse"
            ).map { "\(try $0.decode(String.self, at: 0)):\(try $0.decode(Int.self, at: 1))/\(try $0.decode(Int.self, at: 2))" }
            #expect(ledger == positions)
            let failed = try await service.collect(ReservationFailed.self, expecting: 150, timeout: .seconds(30))
            #expect(failed.count == 150)
            #expect(failed.allSatisfy { $0.payload.reason == "shortage" && $0.payload.shortages == [.init(sku: "HOT", requested: 1, available: 0)] })
        }
    }

    @Test func aRedeliveredOrderReservesOnce() async throws {
        try await InventoryServiceHarness.with("inventory_redelivery") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 10)])
            let envelope = try await service.order("O-1", [("A", 3)])
            try await service.publish(envelope)
            #expect(try await eventually {
                try await schema.pool.query("SELECT count(*) FROM inbox").first?.decode(Int.self, at: 0) == 1
            })
            // The one confirmation arrives (however slowly); then no second one within a further three seconds.
            let confirmed = try await service.collect(ReservationConfirmed.self, expecting: 1, timeout: .seconds(60))
            #expect(confirmed.count == 1)
            #expect(try await service.collect(ReservationConfirmed.self, expecting: 1, timeout: .seconds(3)).isEmpty)
            #expect(try await schema.pool.query("SELECT reserved FROM positions WHERE sku = 'A'").first?.decode(Int.self, at: 0) == 3)
        }
    }

    @Test func anOrderAskedAgainGetsTheFirstDecisionAndReservesNothingMore() async throws {
        try await InventoryServiceHarness.with("inventory_reasked") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 10)])
            _ = try await service.order("O-1", [("A", 3)])
            let first = try #require(try await service.collect(ReservationConfirmed.self, expecting: 1, timeout: .seconds(60)).first)
            _ = try await service.order("O-1", [("A", 3)])  // the orders service asks again under a new message id
            let again = try #require(try await service.collect(ReservationConfirmed.self, expecting: 1, timeout: .seconds(60)).first)
            #expect(again.payload == first.payload)
            #expect(try await schema.pool.query("SELECT reserved FROM positions WHERE sku = 'A'").first?.decode(Int.self, at: 0) == 3)

            _ = try await service.order("O-2", [("A", 50)])
            let failed = try #require(try await service.collect(ReservationFailed.self, expecting: 1, timeout: .seconds(60)).first)
            _ = try await service.order("O-2", [("A", 50)])
            let failedAgain = try #require(try await service.collect(ReservationFailed.self, expecting: 1, timeout: .seconds(60)).first)
            #expect(failedAgain.payload == failed.payload)
        }
    }

    @Test func aConfirmedOrdersReservationNoLongerExpires() async throws {
        let quickExpiry = InventoryConfiguration(reservationHold: .seconds(5), sweepInterval: .milliseconds(200))
        try await InventoryServiceHarness.with("inventory_confirmed_hold", inventory: quickExpiry) { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 10)])
            _ = try await service.order("O-1", [("A", 4)])
            let reserved = try #require(try await service.collect(ReservationConfirmed.self, expecting: 1, timeout: .seconds(60)).first)
            let confirmed = OrderConfirmed(
                orderID: "O-1", channel: "shop", channelOrderReference: "R-O-1", customer: "C-1", currency: .EUR,
                shipTo: PostalAddress(lines: ["1 Main St"], city: "Munich", country: "DE"), priceVersion: 1,
                lines: [OrderConfirmed.Line(lineNumber: 1, sku: "A", quantity: 4, unitPrice: Money(minorUnits: 100, currency: .EUR), extendedAmount: Money(minorUnits: 400, currency: .EUR))],
                total: Money(minorUnits: 400, currency: .EUR), reservationID: reserved.payload.reservationID,
                allocations: [OrderConfirmed.Allocation(warehouse: "MUC", sku: "A", quantity: 4)], confirmedAt: Date()
            )
            try await service.publish(try EventEnvelope(payload: confirmed, correlationID: "O-1"))
            #expect(try await eventually {
                try await schema.pool.query("SELECT expires_at IS NULL FROM reservations WHERE order_id = 'O-1'").first?.decode(Bool.self, at: 0) == true
            })
            // Past the five-second hold, with the sweeper running every 200 ms: still reserved.
            try await Task.sleep(for: .milliseconds(5_500))
            #expect(try await schema.pool.query("SELECT status FROM reservations WHERE order_id = 'O-1'").first?.decode(String.self, at: 0) == "reserved")
            #expect(try await schema.pool.query("SELECT reserved FROM positions WHERE sku = 'A'").first?.decode(Int.self, at: 0) == 4)
        }
    }

    @Test func anOrderIsReservedInTheNearestWarehouseThatCanFillIt() async throws {
        try await InventoryServiceHarness.with("inventory_nearest") { service, _ in
            try await service.load(warehouses: [Self.munich, Self.hamburg], items: ["A", "B"], stock: [("MUC", "A", 10), ("MUC", "B", 10), ("HAM", "A", 10), ("HAM", "B", 10)])
            _ = try await service.order("O-HH", [("A", 2), ("B", 1)], shipTo: PostalAddress(lines: ["Jungfernstieg 1"], city: "Hamburg", region: "HH", postalCode: "20354", country: "DE"))
            let confirmed = try #require(try await service.collect(ReservationConfirmed.self, expecting: 1).first)
            #expect(Set(confirmed.payload.allocations.map(\.warehouse)) == ["HAM"])
        }
    }

    @Test func anOrderNoSingleWarehouseCanFillIsSplit() async throws {
        try await InventoryServiceHarness.with("inventory_split") { service, _ in
            try await service.load(warehouses: [Self.munich, Self.hamburg], items: ["A"], stock: [("MUC", "A", 4), ("HAM", "A", 4)])
            _ = try await service.order("O-SPLIT", [("A", 6)])
            let confirmed = try #require(try await service.collect(ReservationConfirmed.self, expecting: 1).first)
            // Munich (nearest to the Munich ship-to) gives all it has, Hamburg the rest.
            #expect(confirmed.payload.allocations == [.init(warehouse: "MUC", sku: "A", quantity: 4), .init(warehouse: "HAM", sku: "A", quantity: 2)])
        }
    }

    @Test func aRejectedOrderReleasesItsReservation() async throws {
        try await InventoryServiceHarness.with("inventory_release") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 10)])
            _ = try await service.order("O-R", [("A", 7)])
            _ = try await service.collect(ReservationConfirmed.self, expecting: 1)
            try await service.publish(try EventEnvelope(payload: OrderRejected(orderID: "O-R", reasons: [.init(step: "credit", code: "credit-limit", detail: "over the limit")]), correlationID: "O-R"))
            #expect(try await eventually {
                try await schema.pool.query("SELECT status FROM reservations WHERE order_id = 'O-R'").first?.decode(String.self, at: 0) == "released"
            })
            #expect(try await schema.pool.query("SELECT on_hand, reserved FROM positions WHERE sku = 'A'").first.map { "\(try $0.decode(Int.self, at: 0))/\(try $0.decode(Int.self, at: 1))" } == "10/0")
        }
    }

    @Test func anExpiredReservationIsReleasedByTheSweeper() async throws {
        let shortHold = InventoryConfiguration(reservationHold: .seconds(1), sweepInterval: .milliseconds(200))
        try await InventoryServiceHarness.with("inventory_expiry", inventory: shortHold) { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 5)])
            _ = try await service.order("O-X", [("A", 5)])
            _ = try await service.collect(ReservationConfirmed.self, expecting: 1)
            #expect(try await eventually(timeout: .seconds(20)) {
                try await schema.pool.query("SELECT status FROM reservations WHERE order_id = 'O-X'").first?.decode(String.self, at: 0) == "expired"
            })
            #expect(try await schema.pool.query("SELECT reserved FROM positions WHERE sku = 'A'").first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func stockEventsOfOnePositionCarryIncreasingSequences() async throws {
        try await InventoryServiceHarness.with("inventory_sequence") { service, _ in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 5)])
            _ = try await service.order("O-1", [("A", 2)])
            _ = try await service.order("O-2", [("A", 1)])
            let changes = try await service.collect(StockChanged.self, expecting: 3).map(\.payload)
            try #require(changes.count == 3)
            #expect(changes.map(\.sequence) == [1, 2, 3])
            // The two orders may be reserved in either order (handlers run concurrently): 5, then 3 or 4, then 2.
            #expect(changes.first?.available == 5)
            #expect([3, 4].contains(changes[1].available))
            #expect(changes.last?.available == 2)
            // A consumer that gets them out of order keeps the newest and drops the stale one.
            var latest: StockChanged?
            for change in [changes[2], changes[1], changes[0]] where change.sequence > (latest?.sequence ?? 0) {
                latest = change
            }
            #expect(latest?.available == 2)
        }
    }

    @Test func anOrderWithAnAbsurdQuantityIsParkedWithTheReasonAndReservesNothing() async throws {
        try await InventoryServiceHarness.with("inventory_absurd") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 10)])
            _ = try await service.order("O-BIG", [("A", Int.max)])
            var parked: [String] = []
            #expect(try await eventually {
                if let message = try await service.broker.get(queue: "\(service.setup.name).dlq") {
                    message.ack()
                    parked.append(message.properties.headers[MessageHeaders.reason]?.stringValue ?? "")
                }
                return !parked.isEmpty
            })
            #expect(parked.first?.contains("quantities must be 1 to 1000000000") == true)
            #expect(try await schema.pool.query("SELECT count(*) FROM reservations").first?.decode(Int.self, at: 0) == 0)
            #expect(try await schema.pool.query("SELECT reserved FROM positions WHERE sku = 'A'").first?.decode(Int.self, at: 0) == 0)
        }
    }
}
