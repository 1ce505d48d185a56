import Contracts
import Foundation

/// A receipt of returned goods as sent to `POST /v1/returns/{rma}/receipts`, validated.
public struct ReturnReceiptRequest: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public var lineNumber: Int
        public var quantity: Int
        public var condition: ReturnReceived.Condition

        public init(lineNumber: Int, quantity: Int, condition: ReturnReceived.Condition) {
            self.lineNumber = lineNumber
            self.quantity = quantity
            self.condition = condition
        }
    }

    /// The sender's id for this parcel: sent again, it is the same receipt (idempotent).
    public var receiptID: String
    public var warehouse: String
    public var lines: [Line]
    public var receivedAt: Date?

    public init(receiptID: String, warehouse: String, lines: [Line], receivedAt: Date? = nil) {
        self.receiptID = receiptID
        self.warehouse = warehouse
        self.lines = lines
        self.receivedAt = receivedAt
    }
}
