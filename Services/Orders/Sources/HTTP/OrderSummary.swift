import Foundation

/// One order in a page of `GET /v1/orders`.
struct OrderSummary: Codable, Sendable, Hashable {
    var orderID: String
    var channel: String
    var channelOrderReference: String
    var customer: String
    var status: OrderStatus
    var attentionReason: String?
    var receivedAt: Date
    var updatedAt: Date
}
