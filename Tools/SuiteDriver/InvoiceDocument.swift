import Contracts
import Foundation

/// One invoice (one per dispatch) as finance reports it (`GET /v1/invoices?order=`).
public struct InvoiceDocument: Codable, Sendable, Hashable {
    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: Int
        public var sku: String
        public var taxClass: String
        public var quantity: Int
        public var unitPrice: Money
        public var net: Money
        public var tax: Money
        public var taxRegion: String
        public var ratePercent: Decimal
    }

    public var id: String
    /// `INV-<year>-000001`, gap-free per series.
    public var number: String
    public var orderID: String
    public var customer: String
    public var dispatchID: String
    public var shipmentID: String
    public var net: Money
    public var tax: Money
    public var total: Money
    /// What is still owed.
    public var open: Money
    public var issuedAt: Date
    /// `YYYY-MM-DD`.
    public var dueDate: String
    /// Set once the invoice is in a settlement batch.
    public var settlementBatchID: String?
    public var lines: [Line]
}
