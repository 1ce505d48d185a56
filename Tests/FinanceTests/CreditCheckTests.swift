import Contracts
import Foundation
import Testing
import WholesailTestSupport

/// Credit checks on `pricing.order.priced.v1` against the real broker and database: the limit boundary, the hold
/// flag, and credit held for approved orders until they are rejected.
@Suite("Credit checks")
struct CreditCheckTests {
    @Test func anOrderExactlyAtTheLimitIsApproved() async throws {
        try await FinanceServiceHarness.with("credit_at_limit") { finance in
            try await finance.customer("C-1", limit: 100_000)
            try await finance.priced("ord-1", customer: "C-1", total: 100_000)
            let approved = try await finance.service.collect(CreditApproved.self, expecting: 1)
            #expect(approved.first?.payload.orderID == "ord-1")
            #expect(approved.first?.payload.amount == Money(minorUnits: 100_000, currency: .EUR))
            let metrics = try await finance.service.client.get("/metrics").text
            #expect(metrics.contains(#"finance_credit_checks_total{decision="approved"} 1"#), "\(metrics)")
        }
    }

    @Test func oneMinorUnitOverTheLimitIsRejected() async throws {
        try await FinanceServiceHarness.with("credit_over_limit") { finance in
            try await finance.customer("C-1", limit: 100_000)
            try await finance.priced("ord-1", customer: "C-1", total: 100_001)
            let rejected = try #require(try await finance.service.collect(CreditRejected.self, expecting: 1).first?.payload)
            #expect(rejected.orderID == "ord-1")
            #expect(rejected.reason == "credit-limit-exceeded")
            #expect(rejected.detail.contains("0.01"), "the detail names the excess: \(rejected.detail)")
        }
    }

    @Test func approvedOrdersCountAgainstTheLimitUntilReleased() async throws {
        try await FinanceServiceHarness.with("credit_release") { finance in
            try await finance.customer("C-1", limit: 100_000)
            try await finance.priced("ord-1", customer: "C-1", total: 60_000)
            _ = try await finance.service.collect(CreditApproved.self, expecting: 1)
            try await finance.priced("ord-2", customer: "C-1", total: 50_000)
            let rejected = try #require(try await finance.service.collect(CreditRejected.self, expecting: 1).first?.payload)
            #expect(rejected.orderID == "ord-2")
            #expect(rejected.reason == "credit-limit-exceeded")

            try await finance.service.publish(try EventEnvelope(
                payload: OrderRejected(orderID: "ord-1", reasons: [.init(step: "inventory", code: "out-of-stock", detail: "no stock")]), correlationID: "ord-1"
            ))
            let released = try await eventually(timeout: .seconds(20)) {
                let account = try await finance.service.client.get("/v1/customers/C-1").json()
                return account["heldForOpenOrders"]?["amount"]?.stringValue == "0.00"
            }
            #expect(released, "the rejected order's hold was not released")
            try await finance.priced("ord-3", customer: "C-1", total: 50_000)
            let approved = try await finance.service.collect(CreditApproved.self, expecting: 1)
            #expect(approved.first?.payload.orderID == "ord-3")
        }
    }

    @Test func aCancelledOrderReleasesItsHold() async throws {
        try await FinanceServiceHarness.with("credit_cancel") { finance in
            try await finance.customer("C-1", limit: 100_000)
            try await finance.priced("ord-1", customer: "C-1", total: 70_000)
            _ = try await finance.service.collect(CreditApproved.self, expecting: 1)
            try await finance.service.publish(try EventEnvelope(payload: OrderCancelled(orderID: "ord-1", reason: "customer"), correlationID: "ord-1"))
            let released = try await eventually(timeout: .seconds(20)) {
                try await finance.service.client.get("/v1/customers/C-1").json()["availableCredit"]?["amount"]?.stringValue == "1000.00"
            }
            #expect(released)
        }
    }

    @Test func anAccountOnCreditHoldIsRejectedWhateverTheAmount() async throws {
        try await FinanceServiceHarness.with("credit_hold") { finance in
            try await finance.customer("C-1", limit: 100_000, hold: true)
            try await finance.priced("ord-1", customer: "C-1", total: 1)
            let rejected = try #require(try await finance.service.collect(CreditRejected.self, expecting: 1).first?.payload)
            #expect(rejected.reason == "credit-hold")
        }
    }

    @Test func anUnknownCustomerIsRejected() async throws {
        try await FinanceServiceHarness.with("credit_unknown") { finance in
            try await finance.priced("ord-1", customer: "C-404", total: 100)
            let rejected = try #require(try await finance.service.collect(CreditRejected.self, expecting: 1).first?.payload)
            #expect(rejected.reason == "unknown-customer")
        }
    }

    @Test func anOrderPricedTwiceIsDecidedOnceAndHeldOnce() async throws {
        try await FinanceServiceHarness.with("credit_repeat") { finance in
            try await finance.customer("C-1", limit: 100_000)
            try await finance.priced("ord-1", customer: "C-1", total: 40_000)
            try await finance.priced("ord-1", customer: "C-1", total: 40_000)
            let approved = try await finance.service.collect(CreditApproved.self, expecting: 2)
            #expect(approved.allSatisfy { $0.payload.orderID == "ord-1" })
            let account = try await finance.service.client.get("/v1/customers/C-1").json()
            #expect(account["heldForOpenOrders"]?["amount"]?.stringValue == "400.00")
        }
    }
}
