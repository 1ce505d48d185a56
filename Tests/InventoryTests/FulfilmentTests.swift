import Contracts
import Foundation
@testable import Inventory
import Testing
import WholesailTestSupport

/// Dispatches issue stock, returns restock or quarantine — through the real broker and database.
@Suite("Dispatch and returns")
struct FulfilmentTests {
    static let munich = ReservationTests.munich

    static func position(_ schema: PostgresTestSchema, _ sku: String) async throws -> String? {
        try await schema.pool.query("SELECT on_hand, reserved FROM positions WHERE sku = $1 AND warehouse = 'MUC'", sku).first
            .map { "\(try $0.decode(Int.self, at: 0))/\(try $0.decode(Int.self, at: 1))" }
    }

    @Test func aPartialDispatchIssuesWhatShippedAndKeepsTheRestReserved() async throws {
        try await InventoryServiceHarness.with("inventory_dispatch") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 10)])
            _ = try await service.order("O-D", [("A", 6)])
            _ = try await service.collect(ReservationConfirmed.self, expecting: 1)
            let first = ShipmentDispatched(shipmentID: "S-1", dispatchID: "S-1/1", orderID: "O-D", warehouse: "MUC", lines: [.init(lineNumber: 1, sku: "A", quantity: 4)], dispatchedAt: Date())
            try await service.publish(try EventEnvelope(payload: first, correlationID: "O-D"))
            #expect(try await eventually { try await Self.position(schema, "A") == "6/2" })
            #expect(try await schema.pool.query("SELECT status FROM reservations WHERE order_id = 'O-D'").first?.decode(String.self, at: 0) == "reserved")

            let rest = ShipmentDispatched(shipmentID: "S-1", dispatchID: "S-1/2", orderID: "O-D", warehouse: "MUC", lines: [.init(lineNumber: 1, sku: "A", quantity: 2)], dispatchedAt: Date())
            try await service.publish(try EventEnvelope(payload: rest, correlationID: "O-D"))
            // The same dispatch again under a new message id issues nothing twice.
            try await service.publish(try EventEnvelope(payload: rest, correlationID: "O-D"))
            #expect(try await eventually {
                try await schema.pool.query("SELECT count(*) FROM inbox").first?.decode(Int.self, at: 0) == 4
            })
            #expect(try await Self.position(schema, "A") == "4/0")
            #expect(try await schema.pool.query("SELECT status FROM reservations WHERE order_id = 'O-D'").first?.decode(String.self, at: 0) == "issued")
        }
    }

    @Test func resalableReturnsAreRestockedAndDamagedOnesQuarantined() async throws {
        try await InventoryServiceHarness.with("inventory_returns") { service, schema in
            try await service.load(warehouses: [Self.munich], items: ["A"], stock: [("MUC", "A", 10)])
            let receipt = ReturnReceived(
                rma: "RMA-1", receiptID: "RMA-1/1", orderID: "O-1", warehouse: "MUC",
                lines: [.init(lineNumber: 1, sku: "A", quantity: 3, condition: .resalable), .init(lineNumber: 2, sku: "A", quantity: 2, condition: .damaged)],
                receivedAt: Date()
            )
            try await service.publish(try EventEnvelope(payload: receipt, correlationID: "O-1"))
            #expect(try await eventually { try await Self.position(schema, "A") == "13/0" })
            #expect(try await schema.pool.query("SELECT quantity FROM quarantine WHERE sku = 'A'").first?.decode(Int.self, at: 0) == 2)
            let restocked = try await service.collect(StockChanged.self, expecting: 2).map(\.payload)
            #expect(restocked.last?.cause == "restock")
            #expect(restocked.last?.available == 13)
        }
    }
}

/// A count with known differences: report figures, corrections and the KPI event.
@Suite("Reconciliation")
struct ReconciliationTests {
    @Test func aCountWithKnownDifferencesIsReportedCorrectedAndAnnounced() async throws {
        try await InventoryServiceHarness.with("inventory_count") { service, schema in
            try await service.load(
                warehouses: [ReservationTests.munich], items: ["A", "B", "C", "D"],
                stock: [("MUC", "A", 10), ("MUC", "B", 5), ("MUC", "C", 7)]
            )
            // A counted right, B short by 2, C missing from the count (counted 0), D found although never received.
            let body = #"{"countID": "CC-1", "countedAt": "2027-03-01T06:00:00Z", "counts": [{"sku": "A", "quantity": 10}, {"sku": "B", "quantity": 3}, {"sku": "D", "quantity": 4}]}"#
            let response = try await service.client.put("/v1/stock/snapshots/MUC", json: body)
            #expect(response.status == 201)
            let report = try StableJSON.decode(ReconciliationReport.self, from: response.body)
            #expect(report.positionsCompared == 4)
            #expect(report.discrepancies.map { "\($0.sku):\($0.expected)→\($0.counted)" } == ["B:5→3", "C:7→0", "D:0→4"])
            #expect(report.discrepancyRate == "0.7500")
            #expect(report.unitsDifferent == 2 + 7 + 4)

            let onHand = try await schema.pool.query("SELECT sku, on_hand FROM positions WHERE warehouse = 'MUC' ORDER BY sku")
                .map { "\(try $0.decode(String.self, at: 0))=\(try $0.decode(Int.self, at: 1))" }
            #expect(onHand == ["A=10", "B=3", "C=0", "D=4"])
            let ledger = try await schema.pool.query("SELECT sku, sum(on_hand_delta) FROM ledger GROUP BY sku ORDER BY sku")
                .map { "\(try $0.decode(String.self, at: 0))=\(try $0.decode(Int.self, at: 1))" }
            #expect(ledger == onHand)

            let stored = try await service.client.get("/v1/reconciliations/\(report.id)")
            #expect(try StableJSON.decode(ReconciliationReport.self, from: stored.body) == report)
            let again = try await service.client.put("/v1/stock/snapshots/MUC", json: body)
            #expect(again.status == 200)
            #expect(try StableJSON.decode(ReconciliationReport.self, from: again.body).id == report.id)

            let reused = try await service.client.put("/v1/stock/snapshots/MUC", json: body.replacingOccurrences(of: "2027-03-01T06:00:00Z", with: "2027-03-02T06:00:00Z"))
            #expect(reused.status == 409)

            let completed = try #require(try await service.collect(ReconciliationCompleted.self, expecting: 1).first)
            #expect(completed.payload.discrepancies == 3)
            #expect(completed.payload.discrepancyRate == "0.7500")
        }
    }

    @Test func aCountOfAnUnknownSKUChangesNothing() async throws {
        try await InventoryServiceHarness.with("inventory_count_bad") { service, schema in
            try await service.load(warehouses: [ReservationTests.munich], items: ["A"], stock: [("MUC", "A", 10)])
            let response = try await service.client.put("/v1/stock/snapshots/MUC", json: #"{"countedAt": "2027-03-01T06:00:00Z", "counts": [{"sku": "A", "quantity": 1}, {"sku": "GHOST", "quantity": 1}]}"#)
            #expect(response.status == 422)
            #expect(try response.problem().errors.map(\.pointer) == ["/counts/1/sku"])
            #expect(try await schema.pool.query("SELECT on_hand FROM positions WHERE sku = 'A'").first?.decode(Int.self, at: 0) == 10)
            #expect(try await schema.pool.query("SELECT count(*) FROM reconciliations").first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test(arguments: [(0, 0, "0.0000"), (1, 3, "0.3333"), (2, 3, "0.6667"), (3, 4, "0.7500"), (5, 5, "1.0000"), (1, 8, "0.1250"), (1, 20000, "0.0000"), (3, 20000, "0.0002")])
    func theDiscrepancyRateIsRoundedHalfEvenToFourPlaces(discrepancies: Int, compared: Int, expected: String) {
        #expect(ReconciliationReport.rate(discrepancies: discrepancies, compared: compared) == expected)
    }
}
