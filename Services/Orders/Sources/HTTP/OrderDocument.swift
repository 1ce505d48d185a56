import Contracts
import Foundation

/// `GET /v1/orders/{id}`: the order, where it stands, and its timeline — the business-process monitoring view.
struct OrderDocument: Codable, Sendable, Hashable {
    struct Line: Codable, Sendable, Hashable {
        var lineNumber: Int
        var sku: String
        var quantity: Int
        /// What the channel showed the buyer, if it sent it.
        var channelUnitPrice: Money?
        /// Wholesail's price, once priced.
        var unitPrice: Money?
        var extendedAmount: Money?
        /// Units dispatched so far.
        var shipped: Int
        /// Units authorized for return so far.
        var returnAuthorized: Int
    }

    var orderID: String
    var channel: String
    var channelOrderReference: String
    var customer: String
    var currency: Currency
    var status: OrderStatus
    /// Why an operator should look at the order (a step never answered, the ERP refused it).
    var attentionReason: String?
    var erpDocumentNumber: String?
    var receivedAt: Date
    var updatedAt: Date
    var requestedDate: String?
    /// The buyer's purchase order number, when the channel sent one.
    var purchaseOrderNumber: String?
    var shipTo: PostalAddress
    var lines: [Line]
    /// The priced total (net of tax), once priced.
    var total: Money?
    var timeline: [TimelineEntry]
}
