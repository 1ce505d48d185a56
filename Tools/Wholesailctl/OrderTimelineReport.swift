import Contracts
import Foundation
import Orders

/// An order's status and timeline as `orders timeline` prints them: text for people, JSON for scripts.
struct OrderTimelineReport: Encodable, Sendable {
    var orderID: String
    var status: String
    var channel: String
    var channelOrderReference: String
    var customer: String
    var lines: Int
    var receivedAt: Date
    var updatedAt: Date
    /// Why an operator should look at the order, if something is stuck.
    var attentionReason: String?
    var erpDocumentNumber: String?
    var timeline: [TimelineEntry]

    init(order: OrderRecord, timeline: [TimelineEntry]) {
        orderID = order.id
        status = order.status.rawValue
        channel = order.channel
        channelOrderReference = order.document.channelOrderReference
        customer = order.document.customer
        lines = order.document.lines.count
        receivedAt = order.document.receivedAt
        updatedAt = order.updatedAt
        attentionReason = order.attentionReason
        erpDocumentNumber = order.erpDocumentNumber
        self.timeline = timeline
    }

    /// A header, then one line per timeline entry: time, state, detail and causing event.
    var textLines: [String] {
        var header = [
            "order \(orderID): \(status)",
            "  channel \(channel) (reference \(channelOrderReference)), customer \(customer), \(lines) line(s), received \(Self.time(receivedAt)), updated \(Self.time(updatedAt))",
        ]
        if let attentionReason { header.append("  needs attention: \(WholesailctlError.singleLine(attentionReason))") }
        if let erpDocumentNumber { header.append("  ERP document \(erpDocumentNumber)") }
        header.append("timeline:")
        let stateWidth = timeline.map(\.state.count).max() ?? 0
        return header + timeline.map { entry in
            var line = "  \(Self.time(entry.at))  \(entry.state)\(String(repeating: " ", count: stateWidth - entry.state.count))"
            if let detail = entry.detail { line += "  \(WholesailctlError.singleLine(detail))" }
            if let eventID = entry.eventID { line += "  (event \(eventID))" }
            return line
        }
    }

    /// The report as Wholesail's stable JSON (sorted keys, millisecond UTC timestamps), indented.
    func json() throws -> String {
        let encoder = StableJSON.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    private static func time(_ date: Date) -> String {
        (try? ISO8601Timestamp.format(date)) ?? "\(date)"
    }
}
