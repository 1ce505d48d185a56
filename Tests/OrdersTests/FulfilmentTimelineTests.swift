import Contracts
import Foundation
import Messaging
import Orders
import Testing
import WholesailTestSupport

/// After confirmation: the timeline follows shipments and finance to completed; returns are checked against what shipped.
@Suite("Fulfilment and returns")
struct FulfilmentTimelineTests {
    static func dispatch(_ id: String, shipment: String, order: String, lines: [(Int, String, Int)]) throws -> EventEnvelope<ShipmentDispatched> {
        try EventEnvelope(payload: ShipmentDispatched(
            shipmentID: shipment, dispatchID: id, orderID: order, warehouse: "HAM", carrier: "DHL", trackingNumber: "JD0001",
            lines: lines.map { .init(lineNumber: $0.0, sku: $0.1, quantity: $0.2) }, dispatchedAt: Date()
        ), correlationID: order)
    }

    static func invoice(_ id: String, dispatch: String, order: String) throws -> EventEnvelope<InvoicePosted> {
        let euros = { (cents: Int64) in Money(minorUnits: cents, currency: .EUR) }
        return try EventEnvelope(payload: InvoicePosted(
            invoiceID: id, invoiceNumber: "INV-\(id)", orderID: order, customer: "C-1", dispatchID: dispatch,
            net: euros(1000), tax: euros(190), total: euros(1190), dueDate: "2026-12-27", postedAt: Date()
        ), correlationID: order)
    }

    @Test func shipmentsDeliveriesAndInvoicesTakeTheOrderToCompleted() async throws {
        try await OrdersServiceHarness.with("orders_fulfilment") { orders in
            let received = try await orders.placeOrder()
            _ = try await orders.approveAll(received)
            let orderID = received.payload.orderID
            // A partial dispatch leaves the order shipped, not completed.
            try await orders.service.publish(try Self.dispatch("D-1", shipment: "S-1", order: orderID, lines: [(1, "BOLT", 6)]))
            try await orders.service.publish(try Self.invoice("I-1", dispatch: "D-1", order: orderID))
            try await orders.service.publish(try EventEnvelope(payload: ShipmentDelivered(shipmentID: "S-1", orderID: orderID, warehouse: "HAM", deliveredAt: Date()), correlationID: orderID))
            #expect(try await eventually { try await orders.timelineStates(orderID).contains("delivered") })
            #expect(try await orders.status(orderID) == "invoiced")
            let partial = try await orders.document(orderID)
            #expect(partial["lines"]?.arrayValue?.map { $0["shipped"]?.numberValue } == [6, 0])

            // The rest, repeated once (a redelivery with a new id changes nothing for a known dispatch).
            let rest = try Self.dispatch("D-2", shipment: "S-2", order: orderID, lines: [(1, "BOLT", 4), (2, "NUT", 5)])
            try await orders.service.publish(rest)
            try await orders.service.publish(try Self.dispatch("D-2", shipment: "S-2", order: orderID, lines: [(1, "BOLT", 4), (2, "NUT", 5)]))
            try await orders.service.publish(try Self.invoice("I-2", dispatch: "D-2", order: orderID))
            #expect(try await eventually { try await orders.timelineStates(orderID).filter { $0 == "invoiced" }.count == 2 })
            #expect(try await orders.status(orderID) == "invoiced")
            try await orders.service.publish(try EventEnvelope(payload: ShipmentDelivered(shipmentID: "S-2", orderID: orderID, warehouse: "HAM", deliveredAt: Date()), correlationID: orderID))
            #expect(try await eventually { try await orders.status(orderID) == "completed" })
            let states = try await orders.timelineStates(orderID)
            #expect(states.filter { $0 == "shipped" }.count == 2)
            #expect(states.last == "completed")
            let document = try await orders.document(orderID)
            #expect(document["lines"]?.arrayValue?.map { $0["shipped"]?.numberValue } == [10, 5])
        }
    }

    @Test func aReturnIsAuthorizedOnlyForShippedUnitsAndFollowedToRefunded() async throws {
        try await OrdersServiceHarness.with("orders_returns") { orders in
            let received = try await orders.placeOrder()
            _ = try await orders.approveAll(received)
            let orderID = received.payload.orderID
            // As in the warehouse: the ERP has the order before anything ships (the timeline below ends with returns).
            #expect(try await eventually { try await orders.status(orderID) == "erp_posted" })
            // Nothing shipped yet: nothing to return.
            let early = try await orders.post("/v1/orders/\(orderID)/returns", json: #"{"lines": [{"lineNumber": 1, "quantity": 1}], "reason": "damaged"}"#)
            #expect(early.status == 422)
            #expect(try early.problem().errors.map(\.pointer) == ["/lines/0/quantity"])

            try await orders.service.publish(try Self.dispatch("D-1", shipment: "S-1", order: orderID, lines: [(1, "BOLT", 6)]))
            #expect(try await eventually { try await orders.status(orderID) == "shipped" })
            let tooMany = try await orders.post("/v1/orders/\(orderID)/returns", json: #"{"lines": [{"lineNumber": 1, "quantity": 7}, {"lineNumber": 9, "quantity": 1}], "reason": "damaged"}"#)
            #expect(tooMany.status == 422)
            #expect(Set(try tooMany.problem().errors.map(\.pointer)) == ["/lines/0/quantity", "/lines/1/lineNumber"])

            let body = #"{"lines": [{"lineNumber": 1, "quantity": 2}], "reason": "damaged in transit"}"#
            let authorized = try await orders.post("/v1/orders/\(orderID)/returns", json: body, idempotencyKey: "ret-1")
            #expect(authorized.status == 201)
            let rma = try #require(try authorized.json()["rma"]?.stringValue)
            #expect(rma == "RMA-000001")
            // A retry with the same key gets the same RMA; the event went out once.
            let retried = try await orders.post("/v1/orders/\(orderID)/returns", json: body, idempotencyKey: "ret-1")
            #expect(retried.status == 201)
            #expect(retried.body == authorized.body)
            let events = try await orders.service.collect(ReturnAuthorized.self, expecting: 1, timeout: .seconds(60))
            #expect(events.map(\.payload.rma) == [rma])
            #expect(events.first?.payload.lines == [.init(lineNumber: 1, sku: "BOLT", quantity: 2)])
            #expect(events.first?.payload.customer == "C-1")
            // Four shipped units remain returnable.
            #expect(try await orders.post("/v1/orders/\(orderID)/returns", json: #"{"lines": [{"lineNumber": 1, "quantity": 5}], "reason": "x"}"#).status == 422)

            try await orders.service.publish(try EventEnvelope(payload: ReturnReceived(
                rma: rma, receiptID: "RR-1", orderID: orderID, warehouse: "HAM",
                lines: [.init(lineNumber: 1, sku: "BOLT", quantity: 2, condition: .damaged)], receivedAt: Date()
            ), correlationID: orderID))
            #expect(try await eventually { try await orders.status(orderID) == "returned" })
            try await orders.service.publish(try EventEnvelope(payload: RefundCompleted(
                refundID: "RF-1", creditNoteNumber: "CN-1", orderID: orderID, rma: rma, customer: "C-1",
                amount: Money(minorUnits: 238, currency: .EUR), completedAt: Date()
            ), correlationID: orderID))
            #expect(try await eventually { try await orders.status(orderID) == "refunded" })
            #expect(try await orders.timelineStates(orderID).suffix(3) == ["return_authorized", "returned", "refunded"])
        }
    }

    @Test func anEventAboutAnUnknownOrderIsParkedWithTheReason() async throws {
        try await OrdersServiceHarness.with("orders_unknown_order") { orders in
            try await orders.service.publish(try Self.dispatch("D-X", shipment: "S-X", order: "no-such-order", lines: [(1, "BOLT", 1)]))
            let reason = try await orders.firstDeadLetterReason()
            #expect(reason?.contains("no-such-order") == true)
        }
    }
}
