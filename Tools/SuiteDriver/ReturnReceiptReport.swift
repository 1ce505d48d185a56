import Contracts
import Foundation

/// Returned goods arrived at a warehouse (`POST /v1/returns/{rma}/receipts`), idempotent by ``receiptID``. Inventory
/// restocks the resalable units; finance credits them.
public struct ReturnReceiptReport: Codable, Sendable, Hashable {
    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: Int
        public var quantity: Int
        public var condition: ReturnReceived.Condition

        public init(lineNumber: Int, quantity: Int, condition: ReturnReceived.Condition) {
            self.lineNumber = lineNumber
            self.quantity = quantity
            self.condition = condition
        }
    }

    public var receiptID: String
    public var warehouse: String
    public var receivedAt: Date?
    /// A line at most once per condition.
    public var lines: [Line]

    public init(receiptID: String, warehouse: String, lines: [Line], receivedAt: Date? = nil) {
        self.receiptID = receiptID
        self.warehouse = warehouse
        self.lines = lines
        self.receivedAt = receivedAt
    }
}
