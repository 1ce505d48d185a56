import Contracts
import ERPSimulatorKit
import Foundation
import Orders
import Testing
import WholesailTestSupport

/// Confirmed orders reach the ERP exactly once, in confirmation order, however long the ERP is away.
@Suite("ERP posting")
struct ERPPostingTests {
    @Test func fiveHundredOrdersConfirmedDuringAnERPOutageArePostedOnceInConfirmationOrderWhenItReturns() async throws {
        try await OrdersServiceHarness.with("orders_erp_outage") { orders in
            await orders.erp.state.setOutage(true)
            let count = 500
            var intakeMilliseconds: [Double] = []
            var orderIDs: [String] = []
            for number in 1...count {
                let started = ContinuousClock.now
                let response = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "OUT-\(number)"), idempotencyKey: "k-\(number)")
                let elapsed = ContinuousClock.now - started
                #expect(response.status == 202)
                intakeMilliseconds.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
                orderIDs.append(try #require(try response.json()["orderID"]?.stringValue))
            }
            let received = try await orders.service.collect(OrderReceived.self, expecting: count, timeout: .seconds(120))
            #expect(received.count == count)
            for envelope in received {
                try await orders.priced(envelope)
                try await orders.reserved(envelope)
                try await orders.creditApproved(envelope)
            }
            let confirmed = try await orders.service.collect(OrderConfirmed.self, expecting: count, timeout: .seconds(180))
            #expect(confirmed.count == count)
            // While the ERP is down nothing is posted, every order is confirmed, and the poster keeps trying.
            #expect(await orders.erp.state.documents().isEmpty)
            #expect(try await orders.schema.pool.query("SELECT count(*) FROM erp_postings WHERE status = 'pending'").first?.decode(Int.self, at: 0) == count)
            #expect(try await eventually(timeout: .seconds(30)) {
                try await orders.schema.pool.query("SELECT attempts FROM erp_postings ORDER BY sequence LIMIT 1").first?.decode(Int.self, at: 0) ?? 0 >= 2
            })
            let sorted = intakeMilliseconds.sorted()
            print("intake while the ERP was down: p50 \(sorted[count / 2]) ms, p99 \(sorted[count * 99 / 100]) ms (figures only; wholesail-bench orders measures)")

            await orders.erp.state.setOutage(false)
            let back = ContinuousClock.now
            #expect(try await eventually(timeout: .seconds(180)) {
                try await orders.schema.pool.query("SELECT count(*) FROM erp_postings WHERE status = 'posted'").first?.decode(Int.self, at: 0) == count
            })
            print("all \(count) posted \(ContinuousClock.now - back) after the ERP came back (figures only)")
            let documents = await orders.erp.state.documents(kind: .salesOrders)
            #expect(documents.count == count)
            #expect(Set(documents.map(\.idempotencyKey)) == Set(orderIDs))
            #expect(documents.allSatisfy { $0.deliveries == 1 })
            let confirmationOrder = try await orders.schema.pool.query("SELECT order_id FROM erp_postings ORDER BY sequence").map { try $0.decode(String.self, at: 0) }
            #expect(documents.map(\.idempotencyKey) == confirmationOrder)
            #expect(documents.map(\.documentNumber) == (1...count).map { String(format: "SO-%06d", $0) })
            let statuses = try await orders.schema.pool.query("SELECT status, count(*)::int FROM orders GROUP BY status").map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1)) }
            #expect(statuses.count == 1 && statuses.first?.0 == "erp_posted" && statuses.first?.1 == count)
        }
    }

    @Test func aConfirmationStillCommittingHoldsBackThePostingsBehindIt() async throws {
        try await OrdersServiceHarness.with("orders_erp_barrier") { orders in
            // A transaction holding the lock every confirmation takes before its sequence number stands for a
            // confirmation that has its number but has not committed yet.
            let (lockTaken, signalLockTaken) = AsyncStream<Void>.makeStream()
            let (release, signalRelease) = AsyncStream<Void>.makeStream()
            let confirmationInFlight = Task {
                try await orders.schema.pool.transaction(maximumAttempts: 1) { transaction in
                    _ = try await transaction.execute("SELECT pg_advisory_xact_lock_shared(hashtext(current_schema()), hashtext('erp-posting-sequence'))")
                    signalLockTaken.yield()
                    for await _ in release { break }
                }
            }
            for await _ in lockTaken { break }
            let received = try await orders.placeOrder()
            _ = try await orders.approveAll(received)
            try await Task.sleep(for: .seconds(2))
            #expect(await orders.erp.state.documents().isEmpty)
            #expect(try await orders.status(received.payload.orderID) == "confirmed")

            signalRelease.yield()
            try await confirmationInFlight.value
            #expect(try await eventually(timeout: .seconds(30)) { try await orders.status(received.payload.orderID) == "erp_posted" })
            #expect(await orders.erp.state.documents().map(\.idempotencyKey) == [received.payload.orderID])
        }
    }

    /// The simulator's HTTP API, except that it refuses one customer's orders as an ERP refuses an unknown customer.
    struct RefusingERP: ERPConnector {
        let http: HTTPERPConnector
        let refusedCustomer: String

        func post(_ order: ERPSalesOrder) async throws(ERPPostingError) -> String {
            if order.order.customer == refusedCustomer { throw .refused("HTTP 422: customer \(refusedCustomer) is blocked in the ERP") }
            return try await http.post(order)
        }
    }

    @Test func aRefusedOrderIsFlaggedForAnOperatorAndTheQueueMovesOn() async throws {
        try await OrdersServiceHarness.with("orders_erp_refused", connector: { RefusingERP(http: HTTPERPConnector(baseURL: $0, timeout: .seconds(5)), refusedCustomer: "C-BLOCKED") }) { orders in
            let accepted = try await orders.placeOrder(reference: "R-1")
            let blockedJSON = OrdersServiceHarness.order(reference: "R-2").replacingOccurrences(of: "\"C-1\"", with: "\"C-BLOCKED\"")
            #expect(try await orders.post("/v1/orders", json: blockedJSON, idempotencyKey: "k-R-2").status == 202)
            let blocked = try #require(try await orders.service.collect(OrderReceived.self, expecting: 1, timeout: .seconds(60)).first)
            // The blocked customer's order is confirmed first, the other one after it.
            _ = try await orders.approveAll(blocked)
            _ = try await orders.approveAll(accepted)
            #expect(try await eventually(timeout: .seconds(30)) { try await orders.status(accepted.payload.orderID) == "erp_posted" })
            let refused = try await orders.document(blocked.payload.orderID)
            #expect(refused["status"]?.stringValue == "confirmed")
            #expect(refused["attentionReason"]?.stringValue?.contains("blocked in the ERP") == true)
            #expect(try await orders.timelineStates(blocked.payload.orderID).last == "erp_refused")
            #expect(await orders.erp.state.documents().map(\.idempotencyKey) == [accepted.payload.orderID])
            // Operators find it with attention=true, whatever its status.
            let flagged = try await orders.get("/v1/orders?attention=true").json()["orders"]?.arrayValue?.compactMap { $0["orderID"]?.stringValue }
            #expect(flagged == [blocked.payload.orderID])
        }
    }

    @Test func aCancellationDuringAnERPCallWaitsForItAndSaysWhatToUndo() async throws {
        try await OrdersServiceHarness.with("orders_erp_cancel_race") { orders in
            try await orders.erp.state.setKnobs(ERPSimulatorKnobs(latencyMilliseconds: 1_500))
            let received = try await orders.placeOrder()
            _ = try await orders.approveAll(received)
            try await Task.sleep(for: .milliseconds(400))  // the poster is (most likely) waiting for the slow ERP now
            let cancel = try await orders.post("/v1/orders/\(received.payload.orderID)/cancel", json: #"{"reason": "duplicate order"}"#)
            #expect(cancel.status == 200)
            #expect(try cancel.json()["status"]?.stringValue == "cancelled")
            try await Task.sleep(for: .seconds(2))
            // Either the ERP had the order already — then the cancellation says to cancel it there — or it never gets it.
            let documents = await orders.erp.state.documents()
            let posting = try await orders.schema.pool.query("SELECT status FROM erp_postings").first?.decode(String.self, at: 0)
            let cancelled = try await orders.document(received.payload.orderID)["timeline"]?.arrayValue?.last { $0["state"]?.stringValue == "cancelled" }
            if documents.isEmpty {
                #expect(posting == "cancelled")
            } else {
                #expect(posting == "posted")
                #expect(cancelled?["detail"]?.stringValue?.contains("cancel it in the ERP") == true)
            }
            #expect(try await orders.status(received.payload.orderID) == "cancelled")
        }
    }

    @Test func storedIdempotencyKeysAreForgottenAfterTheRetention() async throws {
        try await OrdersServiceHarness.with("orders_idempotency_retention", adjust: { $0.idempotencyRetention = .seconds(3600) }) { orders in
            #expect(try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "OLD"), idempotencyKey: "old").status == 202)
            #expect(try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "NEW"), idempotencyKey: "new").status == 202)
            _ = try await orders.schema.pool.execute("UPDATE idempotency_keys SET created_at = now() - interval '2 hours' WHERE key = 'old'")
            #expect(try await eventually {
                try await orders.schema.pool.query("SELECT key FROM idempotency_keys").map { try $0.decode(String.self, at: 0) } == ["new"]
            })
            // The order itself is still found by its channel reference.
            #expect(try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "OLD"), idempotencyKey: "old").status == 200)
        }
    }

    @Test func anUnreachableERPIsRetriedAndTheOrderStaysConfirmed() async throws {
        try await OrdersServiceHarness.with("orders_erp_unreachable", adjust: { $0.erpURL = URL(string: "http://127.0.0.1:1/") ?? $0.erpURL }) { orders in
            // Port 1 refuses connections: the ERP is unavailable, which is retried, never taken for a refusal.
            let received = try await orders.placeOrder()
            _ = try await orders.approveAll(received)
            #expect(try await eventually(timeout: .seconds(30)) {
                try await orders.schema.pool.query("SELECT attempts FROM erp_postings").first?.decode(Int.self, at: 0) ?? 0 >= 2
            })
            #expect(try await orders.status(received.payload.orderID) == "confirmed")
            #expect(try await orders.timelineStates(received.payload.orderID).last == "erp_retrying")
            #expect(try await orders.schema.pool.query("SELECT status FROM erp_postings").first?.decode(String.self, at: 0) == "pending")
        }
    }

    @Test func theCircuitOpensAfterRepeatedFailuresAndProbesOncePerOpenPeriod() async throws {
        try await OrdersServiceHarness.with("orders_erp_breaker", adjust: { $0.erpBreakerOpen = .seconds(2); $0.erpRetryMaximum = .milliseconds(50); $0.erpRetryInitial = .milliseconds(10) }) { orders in
            await orders.erp.state.setOutage(true)
            let received = try await orders.placeOrder()
            _ = try await orders.approveAll(received)
            // Three quick failures open the breaker; within the next two seconds at most one probe follows.
            #expect(try await eventually(timeout: .seconds(30)) {
                try await orders.schema.pool.query("SELECT attempts FROM erp_postings").first?.decode(Int.self, at: 0) ?? 0 >= 3
            })
            let opened = try await orders.schema.pool.query("SELECT attempts FROM erp_postings").first?.decode(Int.self, at: 0) ?? 0
            try await Task.sleep(for: .milliseconds(1_500))
            let later = try await orders.schema.pool.query("SELECT attempts FROM erp_postings").first?.decode(Int.self, at: 0) ?? 0
            #expect(later - opened <= 1)
            await orders.erp.state.setOutage(false)
            #expect(try await eventually(timeout: .seconds(30)) { try await orders.status(received.payload.orderID) == "erp_posted" })
        }
    }
}
