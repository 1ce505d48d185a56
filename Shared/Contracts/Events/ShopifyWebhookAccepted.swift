import Foundation

/// `orders.shopify-webhook.accepted.v1`: the orders service verified and stored a Shopify webhook delivery and will
/// process it. Published through the orders outbox in the transaction that stored the delivery, and consumed by the
/// orders service itself: Shopify gets its answer at once, and the work (mapping, intake, cancellation) still happens
/// exactly once — retried with backoff, dead-lettered with a reason — even if the service restarts in between.
///
/// The raw body stays in the orders schema; the event names the delivery.
public struct ShopifyWebhookAccepted: EventPayload, Hashable {
    public static let eventType: EventType = "orders.shopify-webhook.accepted.v1"

    /// The shop's `*.myshopify.com` domain.
    public var shopDomain: String
    /// `X-Shopify-Topic`, e.g. `orders/create`.
    public var topic: String
    /// `X-Shopify-Event-Id`: shared by every delivery of one merchant action, so the deduplication key.
    public var eventID: String
    /// `X-Shopify-Webhook-Id` of the first delivery, for tracing.
    public var webhookID: String
    public var receivedAt: Date

    public init(shopDomain: String, topic: String, eventID: String, webhookID: String, receivedAt: Date) {
        self.shopDomain = shopDomain
        self.topic = topic
        self.eventID = eventID
        self.webhookID = webhookID
        self.receivedAt = receivedAt
    }
}
