import Contracts
import Foundation

/// The `X-Shopify-*` headers of one webhook delivery, checked: which shop, which topic, and the keys that identify the
/// delivery and the event behind it.
///
/// Deliveries are at least once and several deliveries may carry the same event, so ``deduplicationKey`` (shop,
/// topic, event id) — not the webhook id — is what a receiver stores to do the work once.
public struct ShopifyWebhookHeaders: Sendable, Hashable {
    /// The header names, as Shopify spells them (HTTP/2 lower-cases them; look them up case-insensitively).
    public enum Name {
        public static let topic = "X-Shopify-Topic"
        public static let hmac = "X-Shopify-Hmac-Sha256"
        public static let shopDomain = "X-Shopify-Shop-Domain"
        public static let apiVersion = "X-Shopify-API-Version"
        public static let webhookID = "X-Shopify-Webhook-Id"
        public static let eventID = "X-Shopify-Event-Id"
        public static let triggeredAt = "X-Shopify-Triggered-At"
        public static let name = "X-Shopify-Name"
    }

    /// The subscription topic, e.g. `orders/create`.
    public var topic: String
    /// The shop's `*.myshopify.com` domain, lower-cased.
    public var shopDomain: String
    /// Unique per delivery (a retry of the same delivery keeps it); kept for tracing, not for deduplication.
    public var webhookID: String?
    /// The id of the merchant action behind the delivery, shared by every delivery it caused.
    ///
    /// When a delivery has no `X-Shopify-Event-Id` (older API versions), this is the `X-Shopify-Webhook-Id` instead:
    /// deduplication then only catches retries of one delivery, not a second subscription's delivery of the same event.
    public var eventID: String
    /// Whether ``eventID`` is the webhook id because the delivery had no event id.
    public var eventIDIsWebhookID: Bool
    /// The API version the payload was serialised with, e.g. `2026-07`.
    public var apiVersion: String?
    /// When Shopify triggered the delivery; with the payload's `updated_at`, used to drop stale updates.
    public var triggeredAt: Date?
    /// The subscription's name, when it has one.
    public var name: String?

    /// Reads and checks the headers through `lookup`, which must match names case-insensitively (`HTTPFields` does).
    ///
    /// - Throws: ``ShopifyWebhookError/missingHeader(_:)`` naming the topic, the shop domain, or the event id when
    ///   neither an event id nor a webhook id is present; ``ShopifyWebhookError/invalidHeader(_:value:reason:)`` for
    ///   a shop domain that is not `*.myshopify.com`, a malformed topic or id, or an unparseable trigger time.
    public init(lookup: (String) -> String?) throws(ShopifyWebhookError) {
        func value(_ name: String) -> String? {
            guard let raw = lookup(name)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        guard let topic = value(Name.topic) else { throw .missingHeader(Name.topic) }
        guard Self.isTopic(topic) else {
            throw .invalidHeader(Name.topic, value: topic, reason: "a topic is letters, digits and _ . - / such as orders/create")
        }
        guard let domain = value(Name.shopDomain) else { throw .missingHeader(Name.shopDomain) }
        let shopDomain = domain.lowercased()
        guard Self.isShopDomain(shopDomain) else {
            throw .invalidHeader(Name.shopDomain, value: domain, reason: "expected the shop's domain such as acme.myshopify.com")
        }
        let webhookID = value(Name.webhookID)
        if let webhookID { try Self.checkIdentifier(webhookID, header: Name.webhookID) }
        let eventID = value(Name.eventID)
        if let eventID { try Self.checkIdentifier(eventID, header: Name.eventID) }
        guard let resolvedEventID = eventID ?? webhookID else { throw .missingHeader(Name.eventID) }
        var triggeredAt: Date?
        if let text = value(Name.triggeredAt) {
            do {
                triggeredAt = try ISO8601Timestamp.parse(text)
            } catch {
                throw .invalidHeader(Name.triggeredAt, value: text, reason: "expected an ISO 8601 time such as 2025-07-10T16:15:47.000000Z")
            }
        }
        self.topic = topic
        self.shopDomain = shopDomain
        self.webhookID = webhookID
        self.eventID = resolvedEventID
        self.eventIDIsWebhookID = eventID == nil
        self.apiVersion = value(Name.apiVersion)
        self.triggeredAt = triggeredAt
        self.name = value(Name.name)
    }

    /// `shop|topic|eventID`: equal for every delivery of one event to one subscription topic of one shop.
    ///
    /// Unambiguous: neither the shop domain nor the topic can contain `|`.
    public var deduplicationKey: String {
        "\(shopDomain)|\(topic)|\(eventID)"
    }

    /// `handle.myshopify.com` with a handle of lower-case letters, digits and hyphens.
    static func isShopDomain(_ domain: String) -> Bool {
        let suffix = ".myshopify.com"
        guard domain.hasSuffix(suffix) else { return false }
        let handle = domain.utf8.dropLast(suffix.utf8.count)
        guard !handle.isEmpty, handle.count <= 100, handle.first != UInt8(ascii: "-"), handle.last != UInt8(ascii: "-") else { return false }
        return handle.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
    }

    static func isTopic(_ topic: String) -> Bool {
        topic.utf8.count <= 100 && topic.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"):
                true
            default: false
            }
        }
    }

    /// Ids are opaque (UUIDs today) but bounded and printable, since they end up in keys and logs.
    private static func checkIdentifier(_ identifier: String, header: String) throws(ShopifyWebhookError) {
        guard identifier.utf8.count <= 200,
            identifier.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            throw .invalidHeader(header, value: identifier, reason: "expected at most 200 printable ASCII characters without spaces")
        }
    }
}
