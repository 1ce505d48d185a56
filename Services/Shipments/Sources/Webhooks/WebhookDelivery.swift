import Foundation

/// One event's delivery to one subscription, as the API shows it (`GET /v1/webhook-deliveries`).
public struct WebhookDelivery: Codable, Sendable, Hashable {
    /// `whd_` and 32 hex digits; sent as `Webhook-Id` on every attempt.
    public var id: String
    public var subscriptionID: String
    public var eventID: String
    public var eventType: String
    public var status: WebhookDeliveryStatus
    /// Attempts made so far (kept when a delivery is sent again by hand).
    public var attempts: Int
    /// The HTTP status of the last answered attempt, if any.
    public var lastStatusCode: Int?
    /// Why the last attempt failed (status and the start of the answer, a timeout, a connection error).
    public var lastError: String?
    /// The first attempt of the current retry period (unset until then; reset when sent again by hand).
    public var firstAttemptAt: Date?
    public var lastAttemptAt: Date?
    public var deliveredAt: Date?
    /// When the next attempt is due; only while `pending`.
    public var nextAttemptAt: Date?
    public var createdAt: Date

    public init(
        id: String, subscriptionID: String, eventID: String, eventType: String, status: WebhookDeliveryStatus, attempts: Int,
        lastStatusCode: Int?, lastError: String?, firstAttemptAt: Date?, lastAttemptAt: Date?, deliveredAt: Date?,
        nextAttemptAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.subscriptionID = subscriptionID
        self.eventID = eventID
        self.eventType = eventType
        self.status = status
        self.attempts = attempts
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.firstAttemptAt = firstAttemptAt
        self.lastAttemptAt = lastAttemptAt
        self.deliveredAt = deliveredAt
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
    }
}
