import Contracts
import Foundation

/// A finance document awaiting settlement, with its amounts from two independent sources — the lines and the
/// header total — so that the batch controls can catch a document whose lines and total disagree.
public struct SettlementDocument: Sendable, Hashable, Codable {
    public var kind: SettlementDocumentKind
    public var id: String
    /// The document number (invoice or credit-note number, payment or refund id).
    public var number: String
    public var orderID: String?
    public var customer: String
    public var currency: Currency
    /// Summed from the document's lines (payments and refunds: the amount).
    public var net: Money
    /// Summed from the document's lines (payments and refunds: zero).
    public var tax: Money
    /// The header total recorded when the document was created; the expected side of the controls.
    public var total: Money
    public var occurredAt: Date

    public init(
        kind: SettlementDocumentKind, id: String, number: String, orderID: String?, customer: String, currency: Currency,
        net: Money, tax: Money, total: Money, occurredAt: Date
    ) {
        self.kind = kind
        self.id = id
        self.number = number
        self.orderID = orderID
        self.customer = customer
        self.currency = currency
        self.net = net
        self.tax = tax
        self.total = total
        self.occurredAt = occurredAt
    }
}
