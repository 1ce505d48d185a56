import Foundation

/// The AMQP `basic` properties Wholesail sets and reads.
///
/// ARCHITECTURE.md §3: every message is persistent, `application/json`, with `message_id` = event id,
/// `type` = event type, `correlation_id` = business key, a timestamp and a `traceparent` header.
public struct MessageProperties: Sendable, Hashable {
    public var contentType: String?
    public var contentEncoding: String?
    public var messageID: String?
    public var type: String?
    public var correlationID: String?
    public var timestamp: Date?
    public var appID: String?
    public var replyTo: String?
    /// Per-message time to live in milliseconds, as AMQP's decimal string.
    public var expiration: String?
    /// Persistent messages (delivery mode 2) survive a broker restart in durable queues.
    public var persistent: Bool
    public var headers: [String: AMQPHeaderValue]

    public init(
        contentType: String? = "application/json",
        contentEncoding: String? = nil,
        messageID: String? = nil,
        type: String? = nil,
        correlationID: String? = nil,
        timestamp: Date? = nil,
        appID: String? = nil,
        replyTo: String? = nil,
        expiration: String? = nil,
        persistent: Bool = true,
        headers: [String: AMQPHeaderValue] = [:]
    ) {
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.messageID = messageID
        self.type = type
        self.correlationID = correlationID
        self.timestamp = timestamp
        self.appID = appID
        self.replyTo = replyTo
        self.expiration = expiration
        self.persistent = persistent
        self.headers = headers
    }
}
