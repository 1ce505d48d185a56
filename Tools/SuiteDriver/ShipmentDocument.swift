import Contracts
import Foundation

/// A shipment (one per warehouse allocation of a confirmed order) with its lines and milestone history
/// (`GET /v1/shipments/{id}`, `GET /v1/shipments?order=`).
public struct ShipmentDocument: Codable, Sendable, Hashable {
    public struct Line: Codable, Sendable, Hashable {
        /// The order's line number.
        public var lineNumber: Int
        public var sku: String
        public var quantity: Int
        public var dispatchedQuantity: Int
        public var openQuantity: Int
    }

    /// One recorded milestone; `applied` is false for one kept as history only (see `note`).
    public struct Milestone: Codable, Sendable, Hashable {
        public var eventID: String
        public var type: MilestoneReport.Kind
        public var occurredAt: Date
        public var recordedAt: Date
        public var applied: Bool
        public var carrier: String?
        public var trackingNumber: String?
        public var reason: String?
        public var lines: [MilestoneReport.Line]?
        public var note: String?
    }

    public var id: String
    public var orderID: String
    public var channel: String
    public var customer: String
    public var warehouse: String
    public var shipTo: PostalAddress
    /// `created`, `picked`, `packed`, `partially_dispatched`, `dispatched`, `in_transit`, `delivered`.
    public var status: String
    public var carrier: String?
    public var trackingNumber: String?
    /// The latest exception, until the next forward milestone.
    public var exception: String?
    public var lines: [Line]
    public var history: [Milestone]
    public var createdAt: Date
    public var updatedAt: Date
}
