import Contracts
import Foundation
import Testing
import WholesailTestSupport

/// Shipments from confirmed orders and milestones from warehouses and carriers, against the real servers.
@Suite("Shipments: from confirmed order to delivery", .timeLimit(.minutes(2)))
struct ShipmentLifecycleTests {
    typealias Harness = ShipmentsServiceHarness

    @Test("a confirmed order with a split allocation becomes two shipments, each announced")
    func splitAllocationGivesTwoShipments() async throws {
        try await Harness.with("split") { harness in
            try await harness.service.publish(Harness.confirmed(orderID: "ord-split", allocations: [("HAM", "BOLT", 6), ("MUC", "BOLT", 4), ("HAM", "NUT", 5)]))
            let created = try await harness.service.collect(ShipmentCreated.self, expecting: 2)
            let byWarehouse = Dictionary(uniqueKeysWithValues: created.map { ($0.payload.warehouse, $0.payload) })
            #expect(byWarehouse["HAM"]?.lines == [.init(lineNumber: 1, sku: "BOLT", quantity: 6), .init(lineNumber: 2, sku: "NUT", quantity: 5)])
            #expect(byWarehouse["MUC"]?.lines == [.init(lineNumber: 1, sku: "BOLT", quantity: 4)])
            let list = try await harness.service.client.get("/v1/shipments?order=ord-split")
            #expect(list.status == 200)
            let shipments = try list.json()["shipments"]?.arrayValue ?? []
            #expect(shipments.count == 2)
            #expect(shipments.allSatisfy { $0["status"] == "created" })
        }
    }

    @Test("a redelivered confirmation creates no second shipment")
    func redeliveredConfirmationIsIdempotent() async throws {
        try await Harness.with("redelivered") { harness in
            let confirmed = try Harness.confirmed(orderID: "ord-again", allocations: [("HAM", "BOLT", 10), ("HAM", "NUT", 5)])
            try await harness.service.publish(confirmed)
            _ = try await harness.service.collect(ShipmentCreated.self, expecting: 1)
            // The same order under a new message id (as after a re-request): still one shipment per warehouse.
            try await harness.service.publish(try EventEnvelope(payload: confirmed.payload, correlationID: "ord-again"))
            try await Task.sleep(for: .milliseconds(500))
            let list = try await harness.service.client.get("/v1/shipments?order=ord-again").json()
            #expect(list["shipments"]?.arrayValue?.count == 1)
        }
    }

    @Test("a partial dispatch announces the units that left and leaves the remainder open")
    func partialDispatchLeavesRemainderOpen() async throws {
        try await Harness.with("partial") { harness in
            let shipmentID = try await harness.shipmentOfConfirmedOrder("ord-partial")
            let answer = try await harness.milestone(shipmentID, Harness.event("wms-1", "dispatched",
                extra: #""carrier": "DHL", "trackingNumber": "0034", "lines": [{"lineNumber": 1, "quantity": 4}]"#))
            #expect(answer.status == 200, "\(answer.text)")
            let shipment = try answer.json()["shipment"]
            #expect(shipment?["status"] == "partially_dispatched")
            #expect(shipment?["lines"]?.arrayValue?[0]["openQuantity"] == 6)
            #expect(shipment?["lines"]?.arrayValue?[1]["openQuantity"] == 5)
            let dispatched = try await harness.service.collect(ShipmentDispatched.self, expecting: 1)
            #expect(dispatched.first?.payload.lines == [.init(lineNumber: 1, sku: "BOLT", quantity: 4)])
            #expect(dispatched.first?.payload.carrier == "DHL")

            let rest = try await harness.milestone(shipmentID, Harness.event("wms-2", "dispatched"))
            #expect(try rest.json()["shipment"]?["status"] == "dispatched")
            let second = try await harness.service.collect(ShipmentDispatched.self, expecting: 1)
            #expect(second.first?.payload.lines == [.init(lineNumber: 1, sku: "BOLT", quantity: 6), .init(lineNumber: 2, sku: "NUT", quantity: 5)])
            #expect(second.first?.payload.dispatchID != dispatched.first?.payload.dispatchID)
        }
    }

    @Test("delivered before dispatched is refused with a problem and changes nothing")
    func deliveredBeforeDispatchedRefused() async throws {
        try await Harness.with("illegal") { harness in
            let shipmentID = try await harness.shipmentOfConfirmedOrder("ord-illegal")
            let refused = try await harness.milestone(shipmentID, Harness.event("carrier-1", "delivered"))
            #expect(refused.status == 409)
            #expect(refused.header("content-type")?.hasPrefix("application/problem+json") == true)
            #expect(try refused.json()["type"] == "urn:wholesail:problem:illegal-shipment-transition")
            let document = try await harness.service.client.get("/v1/shipments/\(shipmentID)").json()
            #expect(document["status"] == "created")
            #expect(document["history"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test("more units than allocated are refused with the line's pointer")
    func quantitiesBeyondAllocationRefused() async throws {
        try await Harness.with("beyond") { harness in
            let shipmentID = try await harness.shipmentOfConfirmedOrder("ord-beyond")
            let refused = try await harness.milestone(shipmentID, Harness.event("wms-9", "dispatched", extra: #""lines": [{"lineNumber": 2, "quantity": 6}]"#))
            #expect(refused.status == 422)
            #expect(try refused.json()["errors"]?.arrayValue?[0]["pointer"] == "/lines/0/quantity")
            let document = try await harness.service.client.get("/v1/shipments/\(shipmentID)").json()
            #expect(document["lines"]?.arrayValue?[1]["dispatchedQuantity"] == 0)
        }
    }

    @Test("the same milestone sent twice is applied once; the repeat gets the first answer")
    func duplicateMilestoneIsIdempotent() async throws {
        try await Harness.with("duplicate") { harness in
            let shipmentID = try await harness.shipmentOfConfirmedOrder("ord-duplicate")
            let body = Harness.event("wms-7", "dispatched", extra: #""lines": [{"lineNumber": 1, "quantity": 2}]"#)
            let first = try await harness.milestone(shipmentID, body)
            let second = try await harness.milestone(shipmentID, body)
            #expect(first.status == 200)
            #expect(second.status == 200)
            #expect(second.header("Idempotent-Replayed") == "true")
            let document = try await harness.service.client.get("/v1/shipments/\(shipmentID)").json()
            #expect(document["lines"]?.arrayValue?[0]["dispatchedQuantity"] == 2)
            #expect(document["history"]?.arrayValue?.count == 1)
            _ = try await harness.service.collect(ShipmentDispatched.self, expecting: 1)
            #expect(try await harness.service.collect(ShipmentDispatched.self, expecting: 1, timeout: .milliseconds(700)).isEmpty)
        }
    }

    @Test("the same event id with other content is refused")
    func reusedEventIDRefused() async throws {
        try await Harness.with("reused") { harness in
            let shipmentID = try await harness.shipmentOfConfirmedOrder("ord-reused")
            _ = try await harness.milestone(shipmentID, Harness.event("wms-3", "picked"))
            let reused = try await harness.milestone(shipmentID, Harness.event("wms-3", "packed"))
            #expect(reused.status == 409)
            #expect(try await harness.service.client.get("/v1/shipments/\(shipmentID)").json()["status"] == "picked")
        }
    }

    @Test("a late milestone is kept in the history but never moves the status back")
    func lateMilestoneIsHistoryOnly() async throws {
        try await Harness.with("late") { harness in
            let shipmentID = try await harness.shipmentOfConfirmedOrder("ord-late")
            _ = try await harness.milestone(shipmentID, Harness.event("wms-1", "packed"))
            let late = try await harness.milestone(shipmentID, Harness.event("wms-0", "picked"))
            #expect(late.status == 200)
            let answer = try late.json()
            #expect(answer["milestone"]?["applied"] == false)
            #expect(answer["shipment"]?["status"] == "packed")
            #expect(answer["shipment"]?["history"]?.arrayValue?.count == 2)
        }
    }

    @Test("dispatched, in transit, delivered: the delivery is announced; an exception on the way is announced and keeps the status")
    func deliveryAndException() async throws {
        try await Harness.with("delivery") { harness in
            let shipmentID = try await harness.shipmentOfConfirmedOrder("ord-delivery")
            #expect(try await harness.milestone(shipmentID, Harness.event("w-1", "dispatched", extra: #""carrier": "UPS""#)).status == 200)
            #expect(try await harness.milestone(shipmentID, Harness.event("c-1", "in_transit")).status == 200)
            let exception = try await harness.milestone(shipmentID, Harness.event("c-2", "exception", extra: #""reason": "Address not found""#))
            #expect(try exception.json()["shipment"]?["status"] == "in_transit")
            #expect(try exception.json()["shipment"]?["exception"] == "Address not found")
            let announced = try await harness.service.collect(ShipmentException.self, expecting: 1)
            #expect(announced.first?.payload.reason == "Address not found")
            #expect(announced.first?.payload.status == "in_transit")
            let delivered = try await harness.milestone(shipmentID, Harness.event("c-3", "delivered"))
            #expect(try delivered.json()["shipment"]?["status"] == "delivered")
            #expect(try delivered.json()["shipment"]?["exception"] == nil)
            let deliveries = try await harness.service.collect(ShipmentDelivered.self, expecting: 1)
            #expect(deliveries.first?.payload.shipmentID == shipmentID)
        }
    }

    @Test("bad milestones get problem+json listing every invalid field, and an unknown shipment is 404")
    func badInput() async throws {
        try await Harness.with("bad-input") { harness in
            let shipmentID = try await harness.shipmentOfConfirmedOrder("ord-bad")
            let invalid = try await harness.milestone(shipmentID, #"{"type": "teleported", "occurredAt": "yesterday", "colour": "red"}"#)
            #expect(invalid.status == 422)
            let pointers = Set((try invalid.json()["errors"]?.arrayValue ?? []).compactMap { $0["pointer"]?.stringValue })
            #expect(pointers == ["/eventID", "/type", "/occurredAt", "/colour"])
            let notJSON = try await harness.milestone(shipmentID, "{")
            #expect(notJSON.status == 400)
            let unknown = try await harness.milestone("shp-missing", Harness.event("e", "picked"))
            #expect(unknown.status == 404)
            #expect(try await harness.service.client.get("/v1/shipments/shp-missing").status == 404)
            #expect(try await harness.service.client.get("/v1/shipments").status == 422)
        }
    }
}
