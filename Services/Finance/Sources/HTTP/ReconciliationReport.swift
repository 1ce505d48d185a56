import Contracts
import Foundation

/// `GET /v1/reconciliation?from=&to=`: per order, what was shipped, invoiced, posted to the ledger and paid, with
/// every mismatch between them — the reconciliation-accuracy KPI (orders without a mismatch / orders).
public struct ReconciliationReport: Codable, Sendable, Hashable {
    public struct Mismatch: Codable, Sendable, Hashable {
        /// `shipped-not-invoiced`, `invoiced-units-differ`, `invoiced-not-posted`, `unpaid-past-due`.
        public var kind: String
        public var detail: String
    }

    public struct Order: Codable, Sendable, Hashable {
        public var orderID: String
        public var customer: String
        public var shippedUnits: Int
        public var invoicedUnits: Int
        public var invoiced: Money
        public var posted: Money
        public var paid: Money
        public var credited: Money
        public var open: Money
        public var mismatches: [Mismatch]
    }

    public struct Summary: Codable, Sendable, Hashable {
        public var orders: Int
        public var ordersWithMismatches: Int
        public var mismatches: [String: Int]
        /// Orders without a mismatch as a share of all orders, in percent with two decimals ("100.00" with no orders).
        public var accuracyPercent: String
    }

    public var from: Date
    public var to: Date
    public var summary: Summary
    public var orders: [Order]
}
