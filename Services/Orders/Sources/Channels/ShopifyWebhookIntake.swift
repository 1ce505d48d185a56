import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import Persistence
import ServiceKit
import ShopifyChannel

/// `POST /v1/channels/shopify/webhooks`: checks the signature over the raw bytes before anything reads them, stores
/// the delivery once per (shop, topic, event id) and answers `200` at once. The work — mapping, intake,
/// cancellation — is done by ``ShopifyWebhookProcessor`` from `orders.shopify-webhook.accepted.v1`, published
/// through the outbox in the same transaction, so a restart between the answer and the work loses nothing.
///
/// Unknown shop: 404. Missing, malformed or wrong signature: 401 (nothing stored). Missing headers: 400.
struct ShopifyWebhookIntake: Sendable {
    /// The answer: what became of this delivery.
    struct Answer: Codable, Sendable, Hashable {
        /// `accepted` (first delivery of the event) or `duplicate`.
        var status: String
        var shopDomain: String
        var topic: String
        var eventID: String
        var webhookID: String
    }

    let shops: ShopifyShops
    let store: OrdersStore
    let pool: PostgresPool
    let deliveries: Counter
    let duplicates: Counter
    let refused: Counter

    init(shops: ShopifyShops, store: OrdersStore, pool: PostgresPool, metricsFactory: any MetricsFactory) {
        self.shops = shops
        self.store = store
        self.pool = pool
        deliveries = Counter(label: "orders_shopify_webhooks_total", dimensions: [("outcome", "accepted")], factory: metricsFactory)
        duplicates = Counter(label: "orders_shopify_webhooks_total", dimensions: [("outcome", "duplicate")], factory: metricsFactory)
        refused = Counter(label: "orders_shopify_webhooks_total", dimensions: [("outcome", "refused")], factory: metricsFactory)
    }

    func receive(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let lookup: (String) -> String? = { name in HTTPField.Name(name).flatMap { request.headers[$0] } }
        guard let domain = lookup(ShopifyWebhookHeaders.Name.shopDomain)?.trimmingCharacters(in: .whitespaces).lowercased(), !domain.isEmpty else {
            refused.increment()
            throw ProblemDetails(
                type: "urn:wholesail:problem:missing-header", title: "A Shopify header is missing", status: .badRequest,
                detail: ShopifyWebhookError.missingHeader(ShopifyWebhookHeaders.Name.shopDomain).description
            )
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: context.maxUploadSize)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw ProblemDetails.contentTooLarge(maximumBytes: context.maxUploadSize)
        }
        let bytes = Array(body.readableBytesView)
        guard let shop = try await pool.transaction({ transaction in try await shops.shop(domain: domain, in: transaction) }) else {
            refused.increment()
            throw ProblemDetails(
                type: "urn:wholesail:problem:unknown-shop", title: "Unknown Shopify shop", status: .notFound,
                detail: "No shop \(domain) is configured; configure it with PUT /v1/channels/shopify/shops/\(domain) before subscribing its webhooks."
            )
        }
        let verdict = ShopifyWebhookSignature.verify(body: bytes, header: lookup(ShopifyWebhookHeaders.Name.hmac), secrets: shop.secrets, now: Date())
        switch verdict {
        case .valid(let usedPreviousSecret):
            if usedPreviousSecret {
                context.logger.notice("Shopify webhook signed with the previous secret", metadata: ["shop": "\(domain)"])
            }
        case .missing, .malformed, .mismatch:
            refused.increment()
            throw Self.unauthorized(verdict, shop: domain)
        }
        let headers: ShopifyWebhookHeaders
        do {
            headers = try ShopifyWebhookHeaders(lookup: lookup)
        } catch {
            refused.increment()
            throw ProblemDetails(type: "urn:wholesail:problem:invalid-header", title: "A Shopify header is missing or invalid",
                                 status: .badRequest, detail: error.description)
        }
        let receivedAt = StableJSON.roundedToMilliseconds(Date())
        let answer = try await pool.transaction { transaction -> Answer in
            switch try await shops.record(headers, body: bytes, in: transaction) {
            case .first:
                let webhookID = headers.webhookID ?? headers.eventID
                let accepted = ShopifyWebhookAccepted(shopDomain: headers.shopDomain, topic: headers.topic, eventID: headers.eventID,
                                                      webhookID: webhookID, receivedAt: receivedAt)
                try await store.outbox.append(
                    EventEnvelope(payload: accepted, correlationID: CorrelationID.generate(), traceContext: context.traceParent), in: transaction
                )
                return Answer(status: "accepted", shopDomain: headers.shopDomain, topic: headers.topic, eventID: headers.eventID, webhookID: webhookID)
            case .duplicate(let first):
                return Answer(status: "duplicate", shopDomain: headers.shopDomain, topic: headers.topic, eventID: headers.eventID, webhookID: first)
            }
        }
        (answer.status == "accepted" ? deliveries : duplicates).increment()
        return try StableJSONResponseEncoder.response(answer, status: .ok)
    }

    static func unauthorized(_ verdict: ShopifySignatureVerdict, shop: String) -> ProblemDetails {
        let detail = switch verdict {
        case .missing: "The X-Shopify-Hmac-Sha256 header is missing; Shopify signs every webhook delivery."
        case .malformed: "The X-Shopify-Hmac-Sha256 header is not the base64 of an HMAC-SHA256."
        default: "The X-Shopify-Hmac-Sha256 signature does not match the body under \(shop)'s webhook secret; check the secret configured for the shop."
        }
        return ProblemDetails(type: "urn:wholesail:problem:invalid-signature", title: "The webhook signature is not valid",
                              status: .unauthorized, detail: detail)
    }
}
