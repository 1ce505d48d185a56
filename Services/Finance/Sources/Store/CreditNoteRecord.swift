import Contracts
import Foundation

/// A credit note for returned resalable units, and the refund of what it did not settle on open invoices.
public struct CreditNoteRecord: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public var lineNumber: Int
        public var sku: String
        public var quantity: Int
        public var net: Money
        public var tax: Money
        public var ratePercent: Decimal
    }

    public var id: String
    public var number: String
    public var series: String
    public var sequence: Int64
    public var receiptID: String
    public var rma: String
    public var orderID: String
    public var customer: String
    public var net: Money
    public var tax: Money
    public var total: Money
    /// The part set against the order's open invoices.
    public var applied: Money
    public var issuedAt: Date
    public var lines: [Line]
    public var refundID: String
    /// What is paid back: total − applied.
    public var refund: Money
}
