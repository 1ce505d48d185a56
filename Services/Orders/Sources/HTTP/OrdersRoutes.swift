import Contracts
import Foundation
import Hummingbird
import Logging
import Metrics
import Persistence
import ServiceKit

/// The orders HTTP API for channels (`Services/Orders/openapi.yaml`). Every `/v1` route needs a channel API key
/// and is rate-limited per key (429 with `Retry-After`); a key sees only its own channel's orders.
public struct OrdersRoutes: Sendable {
    public let store: OrdersStore
    public let pool: PostgresPool
    public let configuration: OrdersConfiguration
    public let authenticator: APIKeyAuthenticator
    public let rateLimiter: RateLimiter
    public let metricsFactory: any MetricsFactory

    public init(
        store: OrdersStore, pool: PostgresPool, configuration: OrdersConfiguration, authenticator: APIKeyAuthenticator,
        rateLimiter: RateLimiter, metricsFactory: any MetricsFactory
    ) {
        self.store = store
        self.pool = pool
        self.configuration = configuration
        self.authenticator = authenticator
        self.rateLimiter = rateLimiter
        self.metricsFactory = metricsFactory
    }

    public func register(on router: ServiceRouter) {
        let intake = OrderIntake(store: store, pool: pool, configuration: configuration,
                                 accepted: Counter(label: "orders_accepted_total", factory: metricsFactory))
        let queries = OrderQueries(store: store, pool: pool, configuration: configuration)
        let cancellation = OrderCancellation(store: store, pool: pool, queries: queries)
        let returns = ReturnAuthorization(store: store, pool: pool)

        router.post("/v1/orders") { request, context in
            let credential = try await admit(request)
            let body = try await StableJSONRequestDecoder.jsonBody(of: request, context: context)
            return try await intake.accept(body, headers: request.headers, credential: credential, context: context)
        }
        router.get("/v1/orders") { request, context in
            let credential = try await admit(request)
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { parameters[String(name)] = String(value) }
            return try StableJSONResponseEncoder.response(try await queries.page(parameters: parameters, credential: credential), status: .ok)
        }
        router.get("/v1/orders/:id") { request, context in
            let credential = try await admit(request)
            let orderID = try context.parameters.require("id")
            return try StableJSONResponseEncoder.response(try await queries.document(orderID: orderID, credential: credential), status: .ok)
        }
        router.post("/v1/orders/:id/cancel") { request, context in
            let credential = try await admit(request)
            let orderID = try context.parameters.require("id")
            let body = try await StableJSONRequestDecoder.jsonBody(of: request, context: context)
            let reason = body.readableBytes == 0 ? nil : try StableJSONRequestDecoder.decode(OrderCancellation.Body.self, from: Data(body.readableBytesView)).reason
            return try StableJSONResponseEncoder.response(try await cancellation.cancel(orderID: orderID, reason: reason, credential: credential), status: .ok)
        }
        router.post("/v1/orders/:id/returns") { request, context in
            let credential = try await admit(request)
            let orderID = try context.parameters.require("id")
            let body = try await StableJSONRequestDecoder.jsonBody(of: request, context: context)
            return try await returns.authorize(orderID: orderID, body: body, headers: request.headers, credential: credential)
        }
        ChannelRoutes(store: store, pool: pool, configuration: configuration, metricsFactory: metricsFactory)
            .register(on: router, admit: { request in try await admit(request) })
    }

    /// The caller's credential, after the rate limit: 401 without a valid key, 429 past the key's budget.
    private func admit(_ request: Request) async throws -> ChannelCredential {
        let credential = try await authenticator.authenticate(request)
        if case .limited(let retryAfter) = await rateLimiter.take(key: credential.keyID) {
            throw ProblemDetails(
                type: "urn:wholesail:problem:rate-limited", title: "Too many requests", status: .tooManyRequests,
                detail: "This API key may send \(configuration.rateLimitPerSecond) requests per second (bursts of \(configuration.rateBurst)); retry after the Retry-After delay.",
                retryAfter: retryAfter
            )
        }
        return credential
    }
}
