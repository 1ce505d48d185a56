import Contracts
import Foundation

/// An invoice as issued: one per dispatch, numbered gap-free in its series.
public struct InvoiceRecord: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
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
    public var number: String
    public var series: String
    public var sequence: Int64
    public var orderID: String
    public var customer: String
    public var dispatchID: String
    public var shipmentID: String
    public var net: Money
    public var tax: Money
    public var total: Money
    public var open: Money
    public var issuedAt: Date
    public var dueDate: String
    public var settlementBatchID: String?
    public var lines: [Line]
}
