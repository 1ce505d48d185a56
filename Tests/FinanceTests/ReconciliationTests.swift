import Contracts
import Foundation
import Testing
import WholesailTestSupport

/// `GET /v1/reconciliation` against the real database: shipped vs invoiced vs posted vs paid, per order.
@Suite("Reconciliation")
struct ReconciliationTests {
    static let period = "from=2000-01-01&to=2100-01-01"

    @Test func aShippedButNotInvoicedOrderIsFlagged() async throws {
        try await FinanceServiceHarness.with("reconciliation_planted") { finance in
            _ = try await PaymentTests.twoInvoices(finance)
            // Planted: a dispatch of ord-2 that never became an invoice.
            _ = try await finance.schema.pool.execute(
                """
                INSERT INTO \(finance.schema.quotedName).dispatches (dispatch_id, shipment_id, order_id, lines, units, dispatched_at)
                VALUES ('d-planted', 'shp-ord-2', 'ord-2', '[{"lineNumber":1,"sku":"BOLT","quantity":1}]', 1, now())
                """
            )
            let report = try await finance.service.client.get("/v1/reconciliation?\(Self.period)").json()
            let orders = try #require(report["orders"]?.arrayValue)
            let planted = try #require(orders.first { $0["orderID"] == "ord-2" })
            let kinds = planted["mismatches"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
            #expect(kinds.contains("shipped-not-invoiced"))
            #expect(planted["mismatches"]?.arrayValue?.contains { ($0["detail"]?.stringValue ?? "").contains("d-planted") } == true)
            #expect(planted["shippedUnits"] == 2)
            #expect(planted["invoicedUnits"] == 1)
            let other = try #require(orders.first { $0["orderID"] == "ord-1" })
            #expect(!(other["mismatches"]?.arrayValue?.contains { $0["kind"] == "shipped-not-invoiced" } ?? true))
            #expect(report["summary"]?["mismatches"]?["shipped-not-invoiced"] == 1)
        }
    }

    @Test func aFullyPostedAndPaidOrderHasNoMismatch() async throws {
        try await FinanceServiceHarness.with("reconciliation_clean") { finance in
            _ = try await PaymentTests.twoInvoices(finance)
            #expect(try await finance.service.client.post("/v1/payments", json: PaymentTests.payment("psp-1", amount: "178.50")).status == 201)
            _ = try await SettlementTests.settle(finance)
            _ = try await finance.service.collect(SettlementPosted.self, expecting: 1)
            let report = try await finance.service.client.get("/v1/reconciliation?\(Self.period)").json()
            #expect(report["summary"]?["orders"] == 2)
            #expect(report["summary"]?["ordersWithMismatches"] == 0)
            #expect(report["summary"]?["accuracyPercent"] == "100.00")
            let first = try #require(report["orders"]?.arrayValue?.first { $0["orderID"] == "ord-1" })
            #expect(first["invoiced"]?["amount"] == "119.00")
            #expect(first["posted"]?["amount"] == "119.00")
            #expect(first["paid"]?["amount"] == "119.00")
        }
    }

    @Test func anInvoiceNotYetPostedIsListed() async throws {
        try await FinanceServiceHarness.with("reconciliation_unposted") { finance in
            let invoices = try await PaymentTests.twoInvoices(finance)
            let report = try await finance.service.client.get("/v1/reconciliation?\(Self.period)").json()
            let details = report["orders"]?.arrayValue?.flatMap { $0["mismatches"]?.arrayValue ?? [] }.compactMap { $0["detail"]?.stringValue } ?? []
            #expect(details.contains { $0.contains(invoices[0].invoiceNumber) && $0.contains("not in a posted settlement batch") })
        }
    }

    @Test func theReportNeedsAValidPeriod() async throws {
        try await FinanceServiceHarness.with("reconciliation_period") { finance in
            let missing = try await finance.service.client.get("/v1/reconciliation")
            let backwards = try await finance.service.client.get("/v1/reconciliation?from=2026-12-02&to=2026-12-01")
            let unreadable = try await finance.service.client.get("/v1/reconciliation?from=yesterday&to=2026-12-01")
            #expect(missing.status == 422)
            #expect(backwards.status == 422)
            #expect(unreadable.status == 422)
            #expect(try unreadable.problem().errors.first?.detail.contains("yesterday") == true)
        }
    }
}
