import Contracts
import Foundation

/// A shipment as `GET /v1/shipments/{id}` shows it: status, lines with what has left, and the milestone history.
struct ShipmentDocument: Codable, Sendable, Hashable {
    struct Line: Codable, Sendable, Hashable {
        var lineNumber: Int
        var sku: String
        var quantity: Int
        var dispatchedQuantity: Int
        var openQuantity: Int
    }

    struct Milestone: Codable, Sendable, Hashable {
        var eventID: String
        var type: MilestoneKind
        var occurredAt: Date
        var recordedAt: Date
        var applied: Bool
        var carrier: String?
        var trackingNumber: String?
        var reason: String?
        var lines: [MilestoneRequest.Line]?
        var note: String?
    }

    var id: String
    var orderID: String
    var channel: String
    var customer: String
    var warehouse: String
    var shipTo: PostalAddress
    var status: ShipmentStatus
    var carrier: String?
    var trackingNumber: String?
    var exception: String?
    var lines: [Line]
    var history: [Milestone]
    var createdAt: Date
    var updatedAt: Date

    init(_ record: ShipmentRecord, history: [MilestoneEntry]) {
        id = record.id
        orderID = record.orderID
        channel = record.channel
        customer = record.customer
        warehouse = record.warehouse
        shipTo = record.shipTo
        status = record.status
        carrier = record.carrier
        trackingNumber = record.trackingNumber
        exception = record.exceptionReason
        lines = record.lines.map { Line(lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.quantity, dispatchedQuantity: $0.dispatchedQuantity, openQuantity: $0.openQuantity) }
        self.history = history.map(Self.milestone)
        createdAt = record.createdAt
        updatedAt = record.updatedAt
    }

    static func milestone(_ entry: MilestoneEntry) -> Milestone {
        Milestone(eventID: entry.eventID, type: entry.kind, occurredAt: entry.occurredAt, recordedAt: entry.recordedAt, applied: entry.applied,
                  carrier: entry.detail.carrier, trackingNumber: entry.detail.trackingNumber, reason: entry.detail.reason,
                  lines: entry.detail.lines, note: entry.detail.note)
    }
}
