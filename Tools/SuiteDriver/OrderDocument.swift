import Contracts
import Foundation

/// An order where it stands, with its timeline (`GET /v1/orders/{id}`) — the business-process monitoring view.
public struct OrderDocument: Codable, Sendable, Hashable {
    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: Int
        public var sku: String
        public var quantity: Int
        public var channelUnitPrice: Money?
        /// Wholesail's price, once priced.
        public var unitPrice: Money?
        public var extendedAmount: Money?
        /// Units dispatched so far.
        public var shipped: Int
        /// Units authorized for return so far.
        public var returnAuthorized: Int
    }

    /// One state the order reached, when, and why.
    public struct TimelineEntry: Codable, Sendable, Hashable {
        /// `received`, `priced`, `reserved`, `credit_approved`, `confirmed`, `erp_posted`, `shipped`, `invoiced`,
        /// `completed`, `rejected`, `return_authorized`, `returned`, `refunded`, … (see the orders openapi.yaml).
        public var state: String
        public var at: Date
        public var eventID: String?
        public var detail: String?
    }

    public var orderID: String
    public var channel: String
    public var channelOrderReference: String
    public var customer: String
    public var currency: String
    /// `received`, `needs_attention`, `confirmed`, `rejected`, `cancelled`, `erp_posted`, `shipped`, `invoiced`,
    /// `completed`, `returned`, `refunded`.
    public var status: String
    public var attentionReason: String?
    /// The ERP's sales order number once posted.
    public var erpDocumentNumber: String?
    public var receivedAt: Date
    public var updatedAt: Date
    public var requestedDate: String?
    /// The buyer's purchase order number, when the channel sent one.
    public var purchaseOrderNumber: String?
    public var shipTo: PostalAddress
    public var lines: [Line]
    /// The priced total (net of tax), once priced.
    public var total: Money?
    public var timeline: [TimelineEntry]

    /// The timeline's states in recording order.
    public var timelineStates: [String] { timeline.map(\.state) }

    /// The timeline entries in `state`.
    public func entries(_ state: String) -> [TimelineEntry] { timeline.filter { $0.state == state } }
}
