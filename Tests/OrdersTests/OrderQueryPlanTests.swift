import Persistence
import Testing
import WholesailTestSupport
@testable import Orders

/// Queries that run for every event of every order must find their rows by index, or they slow down with every order
/// ever stored (the plans are checked with sequential scans priced out, so a missing index shows as a Seq Scan).
@Suite("Orders query plans")
struct OrderQueryPlanTests {
    @Test func theCompletionCheckFindsAnOrdersShipmentsAndInvoicesByIndex() async throws {
        try await OrdersServiceHarness.with("orders_completion_plan") { orders in
            let plan = try await orders.schema.pool.transaction { transaction in
                _ = try await transaction.execute("SET LOCAL enable_seqscan = off")
                return try await transaction.query("EXPLAIN " + FulfilmentTracker.openWorkQuery, "order-1")
                    .map { try $0.decode(String.self, at: 0) }
            }.joined(separator: "\n")
            #expect(plan.contains("order_shipments_by_order"), "\(plan)")
            #expect(plan.contains("order_invoices_by_dispatch"), "\(plan)")
            #expect(!plan.contains("Seq Scan"), "\(plan)")
        }
    }
}
