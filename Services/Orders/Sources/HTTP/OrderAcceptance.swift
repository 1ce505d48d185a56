import Foundation

/// The answer to `POST /v1/orders`: the order's id and where to follow it.
struct OrderAcceptance: Codable, Sendable, Hashable {
    var orderID: String
    var status: OrderStatus
    var channel: String
    var channelOrderReference: String
    var receivedAt: Date
    /// `/v1/orders/{orderID}`, also sent as `Location`.
    var location: String
}
