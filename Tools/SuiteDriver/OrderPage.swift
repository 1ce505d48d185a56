import Foundation

/// One page of a channel's orders, oldest first (`GET /v1/orders`); pass ``nextCursor`` for the next page.
public struct OrderPage: Codable, Sendable, Hashable {
    /// One order of the page, without lines and timeline.
    public struct Summary: Codable, Sendable, Hashable {
        public var orderID: String
        public var channel: String
        public var channelOrderReference: String
        public var customer: String
        public var status: String
        public var attentionReason: String?
        public var receivedAt: Date
        public var updatedAt: Date
    }

    public var orders: [Summary]
    /// Absent on the last page.
    public var nextCursor: String?
}
