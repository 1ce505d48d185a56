import Contracts
import Foundation

/// A credit decision as stored: one per order, so a repeated question gets the same answer and holds once.
public struct CreditCheckRecord: Sendable, Hashable {
    public var orderID: String
    public var customer: String
    public var amount: Money
    public var approved: Bool
    public var reason: String?
    public var detail: String?
    public var decidedAt: Date
    /// Credit still held for the order (approved and not yet invoiced, rejected or cancelled).
    public var held: Money
}
