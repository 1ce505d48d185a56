import Foundation
import Hummingbird
import Metrics
import Persistence
import ServiceKit

/// The channel adapters' HTTP API (`Services/Orders/openapi.yaml`, tag `channels`):
/// - Shopify: `POST /v1/channels/shopify/webhooks` (authenticated by the webhook signature, not an API key) and
///   `PUT`/`GET /v1/channels/shopify/shops/{domain}` and its deliveries `GET …/{domain}/webhooks` (the channel's API key).
/// - EDI X12: `POST /v1/channels/edi/interchanges`, `GET /v1/channels/edi/interchanges/{id}`,
///   `PUT`/`GET /v1/channels/edi/partners/{id}`, the partner's generated documents and their re-sending (the partner
///   channel's API key).
struct ChannelRoutes: Sendable {
    let store: OrdersStore
    let pool: PostgresPool
    let configuration: OrdersConfiguration
    let metricsFactory: any MetricsFactory

    func register(on router: ServiceRouter, admit: @escaping @Sendable (Request) async throws -> ChannelCredential) {
        let shops = ShopifyShops()
        let webhooks = ShopifyWebhookIntake(shops: shops, store: store, pool: pool, metricsFactory: metricsFactory)
        let shopSettings = ShopifyShopSettings(shops: shops, pool: pool, configuration: configuration)

        router.post("/v1/channels/shopify/webhooks") { request, context in
            try await webhooks.receive(request, context: context)
        }
        router.put("/v1/channels/shopify/shops/:domain") { request, context in
            let credential = try await admit(request)
            let body = try await StableJSONRequestDecoder.jsonBody(of: request, context: context)
            return try await shopSettings.put(domain: try context.parameters.require("domain"), body: body, credential: credential)
        }
        router.get("/v1/channels/shopify/shops/:domain") { request, context in
            let credential = try await admit(request)
            return try await shopSettings.get(domain: try context.parameters.require("domain"), credential: credential)
        }
        router.get("/v1/channels/shopify/shops/:domain/webhooks") { request, context in
            let credential = try await admit(request)
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { parameters[String(name)] = String(value) }
            return try await shopSettings.deliveries(domain: try context.parameters.require("domain"), parameters: parameters, credential: credential)
        }

        let partners = EDIPartners()
        let documents = EDIDocuments()
        let partnerSettings = EDIPartnerSettings(partners: partners, documents: documents, pool: pool)
        let interchanges = EDIInterchangeIntake(
            partners: partners, documents: documents, acceptor: ChannelOrderAcceptor(store: store, configuration: configuration),
            pool: pool, metricsFactory: metricsFactory
        )
        router.post("/v1/channels/edi/interchanges") { request, context in
            let credential = try await admit(request)
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: context.maxUploadSize)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                throw ProblemDetails.contentTooLarge(maximumBytes: context.maxUploadSize)
            }
            let acceptsX12 = request.headers[.accept]?.contains("application/edi-x12") ?? false
            return try await interchanges.receive(Array(body.readableBytesView), acceptsX12: acceptsX12, credential: credential)
        }
        router.get("/v1/channels/edi/interchanges/:id") { request, context in
            let credential = try await admit(request)
            return try await partnerSettings.interchange(id: try context.parameters.require("id"), credential: credential)
        }
        router.put("/v1/channels/edi/partners/:id") { request, context in
            let credential = try await admit(request)
            let body = try await StableJSONRequestDecoder.jsonBody(of: request, context: context)
            return try await partnerSettings.put(id: try context.parameters.require("id"), body: body, credential: credential)
        }
        router.get("/v1/channels/edi/partners/:id") { request, context in
            let credential = try await admit(request)
            return try await partnerSettings.get(id: try context.parameters.require("id"), credential: credential)
        }
        router.get("/v1/channels/edi/partners/:id/documents") { request, context in
            let credential = try await admit(request)
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { parameters[String(name)] = String(value) }
            return try await partnerSettings.list(id: try context.parameters.require("id"), parameters: parameters, credential: credential)
        }
        router.post("/v1/channels/edi/partners/:id/documents/:document/resend") { request, context in
            let credential = try await admit(request)
            return try await partnerSettings.resend(id: try context.parameters.require("id"), documentID: try context.parameters.require("document"),
                                                    credential: credential)
        }
    }
}
