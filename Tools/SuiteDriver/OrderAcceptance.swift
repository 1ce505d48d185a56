import Foundation

/// The orders service's answer to `POST /v1/orders`: the order id to follow it by (202 for a new order, 200 for a
/// channel order reference already sent).
public struct OrderAcceptance: Codable, Sendable, Hashable {
    public var orderID: String
    /// `received` for a new order; the current status for an existing one.
    public var status: String
    public var channel: String
    public var channelOrderReference: String
    public var receivedAt: Date
    /// `/v1/orders/{orderID}`.
    public var location: String
}
