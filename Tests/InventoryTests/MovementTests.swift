import Contracts
import Foundation
import Inventory
import Testing
import WholesailTestSupport

/// `POST /v1/stock/movements` through the real service, database and broker: receipts, adjustments and transfers
/// change positions, the ledger and `inventory.stock.changed.v1` together; repeats, conflicts and bad input
/// change nothing.
@Suite("Stock movements")
struct MovementTests {
    static let munich = (id: "MUC", country: "DE", regions: ["BY"], postalPrefixes: ["80", "81"])
    static let hamburg = (id: "HAM", country: "DE", regions: ["HH"], postalPrefixes: ["20", "21", "22"])
    static let munichShipTo = PostalAddress(lines: ["Marienplatz 1"], city: "Munich", region: "BY", postalCode: "80331", country: "DE")

    /// The answer of a recorded movement: the positions it changed, as their stock events carry them.
    struct MovementAnswer: Decodable, Equatable {
        var id: String
        var kind: String
        var positions: [StockChanged]
    }

    // MARK: Receipts and idempotency

    @Test func aReceiptRaisesOnHandAndAnswers201WithThePosition() async throws {
        try await InventoryServiceHarness.with("inv_mv_receipt") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["BOLT-M8"], stock: [])
            let response = try await service.post("/v1/stock/movements", json: #"{"id": "GR-1", "kind": "receipt", "sku": "BOLT-M8", "warehouse": "MUC", "quantity": 500, "reference": "PO-7781"}"#)
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == "application/json")
            let answer = try StableJSON.decode(MovementAnswer.self, from: response.body)
            #expect(answer.id == "GR-1")
            #expect(answer.kind == "receipt")
            #expect(answer.positions.map(Self.summary) == ["BOLT-M8@MUC 500/0 available 500 #1 receipt"])

            #expect(try await Self.state(schema) == MovementState(
                positions: ["BOLT-M8@MUC 500/0 #1"],
                ledger: ["GR-1 receipt BOLT-M8@MUC +500/+0 PO-7781"],
                stockEvents: 1, movements: ["GR-1"]
            ))
            let positions = try await service.client.get("/v1/positions?sku=BOLT-M8")
            #expect(positions.status == 200)
            #expect(try positions.json() == [["sku": "BOLT-M8", "warehouse": "MUC", "onHand": 500, "reserved": 0, "available": 500]])
            let events = try await service.collect(StockChanged.self, expecting: 1).map(\.payload)
            #expect(events == answer.positions)
        }
    }

    @Test func theSameMovementAgainAnswers200WithTheFirstBodyAndChangesNothing() async throws {
        try await InventoryServiceHarness.with("inv_mv_repeat") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["BOLT-M8"], stock: [])
            let body = #"{"id": "GR-1", "kind": "receipt", "sku": "BOLT-M8", "warehouse": "MUC", "quantity": 500}"#
            let first = try await service.post("/v1/stock/movements", json: body)
            #expect(first.status == 201)
            let before = try await Self.state(schema)

            let again = try await service.post("/v1/stock/movements", json: body)
            #expect(again.status == 200)
            #expect(again.text == first.text)
            #expect(try await Self.state(schema) == before)
            #expect(before.positions == ["BOLT-M8@MUC 500/0 #1"])
            // Only the first answer's event ever reaches the broker.
            let events = try await service.collect(StockChanged.self, expecting: 1, timeout: .seconds(60))
            #expect(events.map(\.payload.sequence) == [1])
            #expect(try await service.collect(StockChanged.self, expecting: 1, timeout: .seconds(3)).isEmpty)
        }
    }

    @Test func aRepeatIsRecognisedByMeaningNotBytes() async throws {
        try await InventoryServiceHarness.with("inv_mv_same_meaning") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["BOLT-M8"], stock: [])
            let first = try await service.post("/v1/stock/movements", json: #"{"id": "GR-1", "kind": "receipt", "sku": "BOLT-M8", "warehouse": "MUC", "quantity": 500}"#)
            #expect(first.status == 201)
            let before = try await Self.state(schema)
            // Other member order, other spacing, an explicit null for the absent reference.
            let again = try await service.post("/v1/stock/movements", json: #"{"quantity":500,"warehouse":"MUC","reference":null,"sku":"BOLT-M8","kind":"receipt","id":"GR-1"}"#)
            #expect(again.status == 200)
            #expect(again.text == first.text)
            #expect(try await Self.state(schema) == before)
        }
    }

    @Test func concurrentRepeatsOfOneMovementApplyItOnce() async throws {
        try await InventoryServiceHarness.with("inv_mv_concurrent_repeat") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["BOLT-M8"], stock: [])
            let body = #"{"id": "GR-1", "kind": "receipt", "sku": "BOLT-M8", "warehouse": "MUC", "quantity": 500}"#
            let responses = try await withThrowingTaskGroup(of: HTTPTestResponse.self) { group in
                for _ in 0..<8 { group.addTask { try await service.post("/v1/stock/movements", json: body) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.map(\.status).sorted() == [200, 200, 200, 200, 200, 200, 200, 201])
            #expect(Set(responses.map(\.text)).count == 1)
            #expect(try await Self.state(schema) == MovementState(
                positions: ["BOLT-M8@MUC 500/0 #1"], ledger: ["GR-1 receipt BOLT-M8@MUC +500/+0 -"], stockEvents: 1, movements: ["GR-1"]
            ))
        }
    }

    @Test func theSameIdWithAnotherBodyIs409AndChangesNothing() async throws {
        try await InventoryServiceHarness.with("inv_mv_conflict") { service, schema in
            try await service.load(warehouses: [Self.munich, Self.hamburg], items: ["BOLT-M8"], stock: [])
            let first = try await service.post("/v1/stock/movements", json: #"{"id": "GR-1", "kind": "receipt", "sku": "BOLT-M8", "warehouse": "MUC", "quantity": 500, "reference": "PO-1"}"#)
            #expect(first.status == 201)
            let before = try await Self.state(schema)
            let others = [
                #"{"id": "GR-1", "kind": "receipt", "sku": "BOLT-M8", "warehouse": "MUC", "quantity": 400, "reference": "PO-1"}"#,
                #"{"id": "GR-1", "kind": "receipt", "sku": "BOLT-M8", "warehouse": "MUC", "quantity": 500, "reference": "PO-2"}"#,
                #"{"id": "GR-1", "kind": "receipt", "sku": "BOLT-M8", "warehouse": "MUC", "quantity": 500}"#,
                #"{"id": "GR-1", "kind": "receipt", "sku": "BOLT-M8", "warehouse": "HAM", "quantity": 500, "reference": "PO-1"}"#,
                #"{"id": "GR-1", "kind": "adjustment", "sku": "BOLT-M8", "warehouse": "MUC", "quantity": 500, "reference": "PO-1"}"#,
            ]
            for other in others {
                let response = try await service.post("/v1/stock/movements", json: other)
                #expect(response.status == 409, "\(other)")
                #expect(response.header("Content-Type") == "application/problem+json")
                let problem = try response.problem()
                #expect(problem.type == "urn:wholesail:problem:movement-conflict")
                #expect(problem.status.code == 409)
            }
            #expect(try await Self.state(schema) == before)
        }
    }

    // MARK: Adjustments and transfers

    @Test func anAdjustmentBelowZeroIs422AndChangesNothing() async throws {
        try await InventoryServiceHarness.with("inv_mv_adjust_below") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 5)])
            let before = try await Self.state(schema)
            let response = try await service.post("/v1/stock/movements", json: #"{"id": "ADJ-1", "kind": "adjustment", "sku": "A", "warehouse": "MUC", "quantity": -6}"#)
            #expect(response.status == 422)
            #expect(response.header("Content-Type") == "application/problem+json")
            let problem = try response.problem()
            #expect(problem.type == "urn:wholesail:problem:validation-failed")
            #expect(problem.errors.map(\.pointer) == ["/quantity"])
            #expect(try await Self.state(schema) == before)
            #expect(before.positions == ["A@MUC 5/0 #1"])
        }
    }

    @Test func anAdjustmentDownToExactlyZeroIsAccepted() async throws {
        try await InventoryServiceHarness.with("inv_mv_adjust_zero") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 5)])
            let response = try await service.post("/v1/stock/movements", json: #"{"id": "ADJ-1", "kind": "adjustment", "sku": "A", "warehouse": "MUC", "quantity": -5, "reference": "count 2027-03"}"#)
            #expect(response.status == 201)
            #expect(try StableJSON.decode(MovementAnswer.self, from: response.body).positions.map(Self.summary) == ["A@MUC 0/0 available 0 #2 adjustment"])
            #expect(try await Self.state(schema).ledger == ["GR-0 receipt A@MUC +5/+0 -", "ADJ-1 adjustment A@MUC -5/+0 count 2027-03"])
        }
    }

    @Test func aRefusedMovementDoesNotUseUpItsId() async throws {
        try await InventoryServiceHarness.with("inv_mv_refused_id") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 5)])
            let refused = try await service.post("/v1/stock/movements", json: #"{"id": "ADJ-1", "kind": "adjustment", "sku": "A", "warehouse": "MUC", "quantity": -6}"#)
            #expect(refused.status == 422)
            let corrected = try await service.post("/v1/stock/movements", json: #"{"id": "ADJ-1", "kind": "adjustment", "sku": "A", "warehouse": "MUC", "quantity": -2}"#)
            #expect(corrected.status == 201)
            #expect(try await Self.state(schema).positions == ["A@MUC 3/0 #2"])
        }
    }

    @Test func aTransferMovesUnitsBetweenWarehouses() async throws {
        try await InventoryServiceHarness.with("inv_mv_transfer") { service, schema in
            try await service.load(warehouses: [Self.munich, Self.hamburg], items: ["A"], stock: [("MUC", "A", 10)])
            let response = try await service.post("/v1/stock/movements", json: #"{"id": "TR-1", "kind": "transfer", "sku": "A", "warehouse": "MUC", "toWarehouse": "HAM", "quantity": 4, "reference": "TO-9"}"#)
            #expect(response.status == 201)
            let answer = try StableJSON.decode(MovementAnswer.self, from: response.body)
            #expect(answer.kind == "transfer")
            // Rows change in (SKU, warehouse) order: HAM before MUC.
            #expect(answer.positions.map(Self.summary) == ["A@HAM 4/0 available 4 #1 transfer-in", "A@MUC 6/0 available 6 #2 transfer-out"])
            #expect(try await Self.state(schema) == MovementState(
                positions: ["A@HAM 4/0 #1", "A@MUC 6/0 #2"],
                ledger: ["GR-0 receipt A@MUC +10/+0 -", "TR-1 transfer-in A@HAM +4/+0 TO-9", "TR-1 transfer-out A@MUC -4/+0 TO-9"],
                stockEvents: 3, movements: ["GR-0", "TR-1"]
            ))
            let events = try await service.collect(StockChanged.self, expecting: 3).map(\.payload)
            #expect(events.map(Self.summary) == [
                "A@MUC 10/0 available 10 #1 receipt", "A@HAM 4/0 available 4 #1 transfer-in", "A@MUC 6/0 available 6 #2 transfer-out",
            ])
        }
    }

    @Test func aTransferCannotMoveReservedUnits() async throws {
        try await InventoryServiceHarness.with("inv_mv_transfer_reserved") { service, schema in
            try await service.load(warehouses: [Self.munich, Self.hamburg], items: ["A"], stock: [("MUC", "A", 10)])
            _ = try await service.order("O-1", [("A", 7)], shipTo: Self.munichShipTo)
            let confirmed = try #require(try await service.collect(ReservationConfirmed.self, expecting: 1).first)
            #expect(confirmed.payload.allocations == [.init(warehouse: "MUC", sku: "A", quantity: 7)])
            let before = try await Self.state(schema)
            #expect(before.positions == ["A@MUC 10/7 #2"])

            let refused = try await service.post("/v1/stock/movements", json: #"{"id": "TR-1", "kind": "transfer", "sku": "A", "warehouse": "MUC", "toWarehouse": "HAM", "quantity": 4}"#)
            #expect(refused.status == 422)
            let problem = try refused.problem()
            #expect(problem.type == "urn:wholesail:problem:validation-failed")
            #expect(problem.errors == [.init(pointer: "/quantity", detail: "only 3 unreserved units of A are in MUC")])
            #expect(try await Self.state(schema) == before)

            // Exactly the unreserved units can move.
            let accepted = try await service.post("/v1/stock/movements", json: #"{"id": "TR-2", "kind": "transfer", "sku": "A", "warehouse": "MUC", "toWarehouse": "HAM", "quantity": 3}"#)
            #expect(accepted.status == 201)
            #expect(try await Self.state(schema).positions == ["A@HAM 3/0 #1", "A@MUC 7/7 #3"])
        }
    }

    @Test func aTransferToTheSameWarehouseOrWithoutDestinationIs422() async throws {
        try await InventoryServiceHarness.with("inv_mv_transfer_shape") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 10)])
            let before = try await Self.state(schema)
            for body in [
                #"{"id": "TR-1", "kind": "transfer", "sku": "A", "warehouse": "MUC", "toWarehouse": "MUC", "quantity": 1}"#,
                #"{"id": "TR-1", "kind": "transfer", "sku": "A", "warehouse": "MUC", "quantity": 1}"#,
                #"{"id": "GR-9", "kind": "receipt", "sku": "A", "warehouse": "MUC", "toWarehouse": "MUC", "quantity": 1}"#,
            ] {
                let response = try await service.post("/v1/stock/movements", json: body)
                #expect(response.status == 422, "\(body)")
                #expect(try response.problem().errors.map(\.pointer) == ["/toWarehouse"], "\(body)")
            }
            #expect(try await Self.state(schema) == before)
        }
    }

    // MARK: Bad input

    @Test func anUnknownSKUAndAnUnknownWarehouseAre422WithPointersAndChangeNothing() async throws {
        try await InventoryServiceHarness.with("inv_mv_unknown") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 10)])
            let before = try await Self.state(schema)
            let cases: [(body: String, pointers: [String])] = [
                (#"{"id": "GR-X", "kind": "receipt", "sku": "NOPE", "warehouse": "MUC", "quantity": 1}"#, ["/sku"]),
                (#"{"id": "GR-X", "kind": "receipt", "sku": "A", "warehouse": "NOWHERE", "quantity": 1}"#, ["/warehouse"]),
                (#"{"id": "GR-X", "kind": "receipt", "sku": "NOPE", "warehouse": "NOWHERE", "quantity": 1}"#, ["/sku", "/warehouse"]),
                (#"{"id": "TR-X", "kind": "transfer", "sku": "A", "warehouse": "MUC", "toWarehouse": "NOWHERE", "quantity": 1}"#, ["/toWarehouse"]),
            ]
            for (body, pointers) in cases {
                let response = try await service.post("/v1/stock/movements", json: body)
                #expect(response.status == 422, "\(body)")
                #expect(response.header("Content-Type") == "application/problem+json")
                let problem = try response.problem()
                #expect(problem.type == "urn:wholesail:problem:validation-failed")
                #expect(problem.errors.map(\.pointer) == pointers, "\(body)")
            }
            #expect(try await Self.state(schema) == before)
            #expect(try await schema.pool.query("SELECT count(*) FROM items").first?.decode(Int.self, at: 0) == 1)
            #expect(try await schema.pool.query("SELECT count(*) FROM warehouses").first?.decode(Int.self, at: 0) == 1)
        }
    }

    @Test func aReceiptOfZeroOrFewerUnitsIs422AndChangesNothing() async throws {
        try await InventoryServiceHarness.with("inv_mv_negative") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 10)])
            let before = try await Self.state(schema)
            for quantity in [-5, 0] {
                let response = try await service.post("/v1/stock/movements", json: #"{"id": "GR-X", "kind": "receipt", "sku": "A", "warehouse": "MUC", "quantity": \#(quantity)}"#)
                #expect(response.status == 422)
                let problem = try response.problem()
                #expect(problem.type == "urn:wholesail:problem:validation-failed")
                #expect(problem.errors.map(\.pointer) == ["/quantity"])
            }
            #expect(try await Self.state(schema) == before)
        }
    }

    @Test func anExtremeQuantityIs422AndTheServiceStaysUp() async throws {
        try await InventoryServiceHarness.with("inv_mv_extreme") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 10)])
            let before = try await Self.state(schema)
            for quantity in ["-9223372036854775808", "9223372036854775807", "1000000001", "-1000000001"] {
                let response = try await service.post("/v1/stock/movements", json: #"{"id": "ADJ-X", "kind": "adjustment", "sku": "A", "warehouse": "MUC", "quantity": \#(quantity)}"#)
                #expect(response.status == 422, "\(quantity)")
                #expect(try response.problem().errors.map(\.pointer) == ["/quantity"], "\(quantity)")
            }
            #expect(try await service.client.get("/health/live").status == 200)
            #expect(try await Self.state(schema) == before)
        }
    }

    @Test func aReceiptBeyondTheLargestPositionIs422NotAServerError() async throws {
        try await InventoryServiceHarness.with("inv_mv_position_limit") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 1_000_000_000), ("MUC", "A", 1_000_000_000)])
            let before = try await Self.state(schema)
            let response = try await service.post("/v1/stock/movements", json: #"{"id": "GR-X", "kind": "receipt", "sku": "A", "warehouse": "MUC", "quantity": 1000000000}"#)
            #expect(response.status == 422)
            let problem = try response.problem()
            #expect(problem.type == "urn:wholesail:problem:validation-failed")
            #expect(problem.errors.map(\.pointer) == ["/quantity"])
            #expect(try await Self.state(schema) == before)
        }
    }

    @Test func malformedJSONIs400AndChangesNothing() async throws {
        try await InventoryServiceHarness.with("inv_mv_malformed") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [])
            let response = try await service.post("/v1/stock/movements", json: #"{"id": "GR-1", "kind": "receipt", "sku": "A", "#)
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(try response.problem().type == "urn:wholesail:problem:invalid-request-body")
            #expect(try await Self.state(schema) == MovementState(positions: [], ledger: [], stockEvents: 0, movements: []))
        }
    }

    @Test func anUnknownKindIs400PointingAtKind() async throws {
        try await InventoryServiceHarness.with("inv_mv_kind") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [])
            let response = try await service.post("/v1/stock/movements", json: #"{"id": "GR-1", "kind": "theft", "sku": "A", "warehouse": "MUC", "quantity": 1}"#)
            #expect(response.status == 400)
            let problem = try response.problem()
            #expect(problem.type == "urn:wholesail:problem:invalid-request-body")
            #expect(problem.errors.map(\.pointer) == ["/kind"])
            #expect(try await Self.state(schema) == MovementState(positions: [], ledger: [], stockEvents: 0, movements: []))
        }
    }

    // MARK: Events and concurrency

    @Test func stockEventsFromMovementsCarryIncreasingSequences() async throws {
        try await InventoryServiceHarness.with("inv_mv_sequence") { service, _ in
            try await service.load(warehouses: [Self.munich, Self.hamburg], items: ["A"], stock: [])
            let movements = [
                #"{"id": "M-1", "kind": "receipt", "sku": "A", "warehouse": "MUC", "quantity": 10}"#,
                #"{"id": "M-2", "kind": "adjustment", "sku": "A", "warehouse": "MUC", "quantity": -2}"#,
                #"{"id": "M-3", "kind": "transfer", "sku": "A", "warehouse": "MUC", "toWarehouse": "HAM", "quantity": 3}"#,
                #"{"id": "M-4", "kind": "receipt", "sku": "A", "warehouse": "MUC", "quantity": 1}"#,
                #"{"id": "M-5", "kind": "transfer", "sku": "A", "warehouse": "HAM", "toWarehouse": "MUC", "quantity": 1}"#,
            ]
            for movement in movements {
                let response = try await service.post("/v1/stock/movements", json: movement)
                #expect(response.status == 201, "\(movement)")
            }
            let events = try await service.collect(StockChanged.self, expecting: 7).map(\.payload)
            let munich = events.filter { $0.warehouse == "MUC" }
            let hamburg = events.filter { $0.warehouse == "HAM" }
            #expect(munich.map(\.sequence) == [1, 2, 3, 4, 5])
            #expect(munich.map(\.onHand) == [10, 8, 5, 6, 7])
            #expect(munich.map(\.cause) == ["receipt", "adjustment", "transfer-out", "receipt", "transfer-in"])
            #expect(hamburg.map(\.sequence) == [1, 2])
            #expect(hamburg.map(\.onHand) == [3, 2])
            // A consumer keeping the highest sequence ends with the latest position, whatever the delivery order.
            var latest: StockChanged?
            for event in munich.reversed() where event.sequence > (latest?.sequence ?? 0) { latest = event }
            #expect(latest?.onHand == 7)
        }
    }

    @Test func concurrentFirstReceiptsIntoANewPositionAllSucceed() async throws {
        try await InventoryServiceHarness.with("inv_mv_concurrent_new") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [])
            let responses = try await withThrowingTaskGroup(of: HTTPTestResponse.self) { group in
                for number in 0..<8 {
                    group.addTask {
                        try await service.post("/v1/stock/movements", json: #"{"id": "GR-\#(number)", "kind": "receipt", "sku": "A", "warehouse": "MUC", "quantity": 1}"#)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.map(\.status) == Array(repeating: 201, count: 8), "\(responses.map(\.text))")
            let state = try await Self.state(schema)
            #expect(state.positions == ["A@MUC 8/0 #8"])
            #expect(state.ledger.count == 8)
            let sequences = responses.compactMap { try? StableJSON.decode(MovementAnswer.self, from: $0.body).positions.first?.sequence }
            #expect(sequences.sorted() == Array(1...8))
        }
    }

    // MARK: Helpers

    static func summary(_ event: StockChanged) -> String {
        "\(event.sku)@\(event.warehouse) \(event.onHand)/\(event.reserved) available \(event.available) #\(event.sequence) \(event.cause)"
    }

    /// What a movement may change: positions, ledger, stock events in the outbox, recorded movements.
    struct MovementState: Equatable, CustomStringConvertible {
        var positions: [String]
        var ledger: [String]
        var stockEvents: Int
        var movements: [String]

        var description: String { "positions \(positions), ledger \(ledger), \(stockEvents) stock events, movements \(movements)" }
    }

    static func state(_ schema: PostgresTestSchema) async throws -> MovementState {
        let positions = try await schema.pool.query("SELECT sku, warehouse, on_hand, reserved, sequence FROM positions ORDER BY sku, warehouse").map {
            "\(try $0.decode(String.self, at: 0))@\(try $0.decode(String.self, at: 1)) \(try $0.decode(Int.self, at: 2))/\(try $0.decode(Int.self, at: 3)) #\(try $0.decode(Int.self, at: 4))"
        }
        let ledger = try await schema.pool.query(
            "SELECT coalesce(movement_id, '-'), kind, sku, warehouse, on_hand_delta, reserved_delta, coalesce(reference, '-') FROM ledger ORDER BY entry"
        ).map { row in
            let onHand = try row.decode(Int.self, at: 4)
            let reserved = try row.decode(Int.self, at: 5)
            return "\(try row.decode(String.self, at: 0)) \(try row.decode(String.self, at: 1)) \(try row.decode(String.self, at: 2))@\(try row.decode(String.self, at: 3)) "
                + "\(onHand >= 0 ? "+" : "")\(onHand)/\(reserved >= 0 ? "+" : "")\(reserved) \(try row.decode(String.self, at: 6))"
        }
        let stockEvents = try await schema.pool.query("SELECT count(*) FROM outbox WHERE event_type = 'inventory.stock.changed.v1'").first?.decode(Int.self, at: 0) ?? -1
        let movements = try await schema.pool.query("SELECT id FROM movements ORDER BY id").map { try $0.decode(String.self, at: 0) }
        return MovementState(positions: positions, ledger: ledger, stockEvents: stockEvents, movements: movements)
    }
}
