import Contracts
import Foundation
import Orders
import Testing
import WholesailTestSupport

/// The order process manager through the real broker: the test answers as pricing, inventory and finance would.
@Suite("Order process")
struct OrderProcessServiceTests {
    @Test func allThreeApprovalsConfirmTheOrderWithPricedLinesAndAllocations() async throws {
        try await OrdersServiceHarness.with("orders_saga_confirm") { orders in
            let received = try await orders.placeOrder()
            let confirmed = try await orders.approveAll(received)
            let orderID = received.payload.orderID
            #expect(confirmed.payload.orderID == orderID)
            #expect(confirmed.payload.lines.map(\.quantity) == [10, 5])
            #expect(confirmed.payload.total == Money(minorUnits: 1500, currency: .EUR))
            #expect(confirmed.payload.allocations.map(\.warehouse) == ["HAM", "HAM"])
            #expect(confirmed.payload.reservationID == "res-\(orderID)")
            #expect(confirmed.payload.priceVersion == 7)
            // Then the ERP takes it.
            #expect(try await eventually(timeout: .seconds(30)) { try await orders.status(orderID) == "erp_posted" })
            let document = try await orders.document(orderID)
            #expect(document["erpDocumentNumber"]?.stringValue == "SO-000001")
            #expect(document["total"]?["amount"]?.stringValue == "15.00")
            let states = try await orders.timelineStates(orderID)
            #expect(states.first == "received")
            #expect(Set(states.dropFirst().prefix(3)) == ["priced", "reserved", "credit_approved"])
            #expect(Array(states.suffix(2)) == ["confirmed", "erp_posted"])
            #expect(document["timeline"]?.arrayValue?.allSatisfy { $0["at"]?.stringValue != nil } == true)
        }
    }

    enum Rejection: String, CaseIterable, Sendable {
        case pricing, inventory, credit
    }

    @Test(arguments: Rejection.allCases)
    func eachKindOfRejectionRejectsTheOrderWithItsReason(_ rejection: Rejection) async throws {
        try await OrdersServiceHarness.with("orders_saga_reject_\(rejection.rawValue)") { orders in
            let received = try await orders.placeOrder()
            switch rejection {
            case .pricing:
                try await orders.pricingRejected(received)
            case .inventory:
                try await orders.priced(received)
                try await orders.reservationFailed(received)
            case .credit:
                try await orders.reserved(received)
                try await orders.priced(received)
                try await orders.creditRejected(received)
            }
            let rejected = try #require(try await orders.service.collect(OrderRejected.self, expecting: 1, timeout: .seconds(60)).first)
            #expect(rejected.payload.orderID == received.payload.orderID)
            #expect(rejected.payload.reasons.map(\.step) == [rejection.rawValue])
            let expectedCode = ["pricing": "unknown-sku", "inventory": "shortage", "credit": "credit-limit-exceeded"][rejection.rawValue]
            #expect(rejected.payload.reasons.first?.code == expectedCode)
            let document = try await orders.document(received.payload.orderID)
            #expect(document["status"]?.stringValue == "rejected")
            #expect(try await orders.timelineStates(received.payload.orderID).last == "rejected")
            // Nothing is posted to the ERP, and no confirmation follows.
            #expect(try await orders.service.collect(OrderConfirmed.self, expecting: 1, timeout: .seconds(2)).isEmpty)
            #expect(await orders.erp.state.documents().isEmpty)
        }
    }

    @Test func answersOutOfOrderAndRepeatedReachTheSameOutcomeOnce() async throws {
        try await OrdersServiceHarness.with("orders_saga_shuffled") { orders in
            let received = try await orders.placeOrder()
            try await orders.creditApproved(received)
            try await orders.reserved(received)
            try await orders.reserved(received)
            try await orders.creditApproved(received)
            try await orders.priced(received)
            try await orders.priced(received)
            let confirmed = try await orders.service.collect(OrderConfirmed.self, expecting: 1, timeout: .seconds(60))
            #expect(confirmed.count == 1)
            #expect(try await orders.service.collect(OrderConfirmed.self, expecting: 1, timeout: .seconds(3)).isEmpty)
            let states = try await orders.timelineStates(received.payload.orderID)
            #expect(states.filter { $0 == "priced" }.count == 1)
            #expect(states.filter { $0 == "confirmed" }.count == 1)
        }
    }

    @Test func pricingsAnswerStartsCreditsClockAndIsOnTheTimeline() async throws {
        try await OrdersServiceHarness.with("orders_saga_credit_clock") { orders in
            let received = try await orders.placeOrder()
            let orderID = received.payload.orderID
            let creditDeadline = { () async throws -> Double? in
                try await orders.schema.pool.query(
                    "SELECT extract(epoch FROM deadline_at - now())::float8 FROM order_steps WHERE order_id = $1 AND step = 'credit'", orderID
                ).first?.decode(Double?.self, at: 0)
            }
            // Received: credit waits for pricing, so its deadline is two step timeouts (2 × 60 s) away.
            #expect(try await creditDeadline().map { $0 > 90 } == true)
            try await orders.priced(received)
            #expect(try await eventually { try await orders.timelineStates(orderID).contains("priced") })
            // Priced: finance has been asked, and has one step timeout from now.
            #expect(try await creditDeadline().map { $0 > 30 && $0 <= 60 } == true)
            #expect(try await orders.schema.pool.query(
                "SELECT deadline_at IS NULL FROM order_steps WHERE order_id = $1 AND step = 'pricing'", orderID
            ).first?.decode(Bool.self, at: 0) == true)
        }
    }

    @Test func aReservationThatArrivesAfterTheRejectionIsReleasedAgain() async throws {
        try await OrdersServiceHarness.with("orders_saga_late_hold") { orders in
            let received = try await orders.placeOrder()
            try await orders.pricingRejected(received)
            let first = try await orders.service.collect(OrderRejected.self, expecting: 1, timeout: .seconds(60))
            #expect(first.count == 1)
            try await orders.reserved(received)
            // The late hold gets the rejection again, so inventory releases what it just reserved.
            let again = try #require(try await orders.service.collect(OrderRejected.self, expecting: 1, timeout: .seconds(60)).first)
            #expect(again.payload.orderID == received.payload.orderID)
            #expect(again.payload.reasons.map(\.step) == ["pricing"])
            #expect(try await orders.status(received.payload.orderID) == "rejected")
        }
    }

    @Test func aStepThatNeverAnswersIsAskedAgainThenTheOrderNeedsAttention() async throws {
        try await OrdersServiceHarness.with("orders_saga_deadline", adjust: { $0.stepTimeout = .seconds(2); $0.stepReRequests = 1 }) { orders in
            let received = try await orders.placeOrder()
            try await orders.priced(received)
            try await orders.creditApproved(received)
            // Inventory never answers: after the deadline the order is asked for again, under a new event id.
            let asked = try #require(try await orders.service.collect(OrderReceived.self, expecting: 1, timeout: .seconds(60)).first)
            #expect(asked.payload == received.payload)
            #expect(asked.id != received.id)
            let orderID = received.payload.orderID
            #expect(try await eventually(timeout: .seconds(60)) { try await orders.status(orderID) == "needs_attention" })
            let document = try await orders.document(orderID)
            #expect(document["attentionReason"]?.stringValue?.contains("inventory") == true)
            #expect(document["attentionReason"]?.stringValue?.contains("pricing") == false)
            #expect(try await orders.timelineStates(orderID).suffix(2) == ["re_requested", "needs_attention"])
            // A late answer still decides it.
            try await orders.reserved(received)
            #expect(try await orders.service.collect(OrderConfirmed.self, expecting: 1, timeout: .seconds(60)).count == 1)
        }
    }

    @Test func cancellingBeforeShipmentCompensatesAndAfterADispatchIsRefused() async throws {
        try await OrdersServiceHarness.with("orders_cancel") { orders in
            let first = try await orders.placeOrder(reference: "C-1")
            let cancel = try await orders.post("/v1/orders/\(first.payload.orderID)/cancel", json: #"{"reason": "buyer changed their mind"}"#)
            #expect(cancel.status == 200)
            #expect(try cancel.json()["status"]?.stringValue == "cancelled")
            let cancelled = try #require(try await orders.service.collect(OrderCancelled.self, expecting: 1, timeout: .seconds(60)).first)
            #expect(cancelled.payload == OrderCancelled(orderID: first.payload.orderID, reason: "buyer changed their mind"))
            #expect(try await orders.post("/v1/orders/\(first.payload.orderID)/cancel", json: "{}").status == 200)
            // A reservation arriving after the cancellation is released again.
            try await orders.reserved(first)
            #expect(try await orders.service.collect(OrderCancelled.self, expecting: 1, timeout: .seconds(60)).count == 1)

            let second = try await orders.placeOrder(reference: "C-2")
            _ = try await orders.approveAll(second)
            try await orders.service.publish(try EventEnvelope(payload: ShipmentDispatched(
                shipmentID: "S-1", dispatchID: "D-1", orderID: second.payload.orderID, warehouse: "HAM",
                lines: [.init(lineNumber: 1, sku: "BOLT", quantity: 10)], dispatchedAt: Date()
            ), correlationID: second.payload.orderID))
            #expect(try await eventually { try await orders.status(second.payload.orderID) == "shipped" })
            let refused = try await orders.post("/v1/orders/\(second.payload.orderID)/cancel", json: "{}")
            #expect(refused.status == 409)
            #expect(try refused.problem().type == "urn:wholesail:problem:order-not-cancellable")
        }
    }
}
