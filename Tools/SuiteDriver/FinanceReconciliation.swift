import Contracts
import Foundation

/// Finance's reconciliation report (`GET /v1/reconciliation`): per order with a dispatch or invoice in the period,
/// units shipped and invoiced, amounts invoiced, posted, paid and credited, and every mismatch.
public struct FinanceReconciliation: Codable, Sendable, Hashable {
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
        public var accuracyPercent: String
    }

    public var from: Date
    public var to: Date
    public var summary: Summary
    public var orders: [Order]
}
