import Persistence

/// Where a webhook delivery stands (the `status` column of `webhook_deliveries`).
public enum WebhookDeliveryStatus: String, Codable, Sendable, Hashable, CaseIterable, PostgresDecodable {
    /// Waiting for its next attempt (or being attempted now).
    case pending
    /// A receiver answered 2xx; no further attempts.
    case delivered
    /// Retried for the whole retry period without a 2xx, or its subscription was removed; can be sent again by hand.
    case failed

    public init?(postgresText: String) {
        self.init(rawValue: postgresText)
    }
}
