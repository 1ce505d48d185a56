import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit

/// The webhook API: channels register subscriptions; operators see deliveries and send failed ones again.
///
/// | route | answer |
/// |---|---|
/// | `POST /v1/webhook-subscriptions` `{"url","eventTypes","secret"}` | 201 with the subscription (never the secret); 422 listing every invalid field |
/// | `GET /v1/webhook-subscriptions?limit=&cursor=` | a page, newest first (removed ones too, `active: false`) |
/// | `GET /v1/webhook-subscriptions/{id}` | the subscription; 404 |
/// | `DELETE /v1/webhook-subscriptions/{id}` | 200 with the subscription, now inactive: nothing more is sent to it, and its pending deliveries become `failed` with `lastError` "subscription removed" |
/// | `GET /v1/webhook-deliveries?status=&subscription=&limit=&cursor=` | a page, newest first |
/// | `GET /v1/webhook-deliveries/{id}` | the delivery; 404 |
/// | `POST /v1/webhook-deliveries/{id}/redeliver` | 202: a `failed` or `delivered` delivery is `pending` and due now, with a fresh retry period and the same `Webhook-Id`; 404; 409 while pending, when its subscription was removed, or when a newer delivery of the same state superseded it (channel stock levels) |
///
/// Errors are RFC 9457 `application/problem+json`.
public struct WebhookRoutes: Sendable {
    public let pool: PostgresPool
    public let configuration: ShipmentsConfiguration
    private let wake: @Sendable () -> Void
    private let subscriptions = WebhookSubscriptionStore()
    private let deliveries = WebhookDeliveryStore()

    /// - Parameter wake: called after a redelivery was queued, so the dispatcher sends it at once
    ///   (``WebhookDispatcher/wake()``).
    public init(pool: PostgresPool, configuration: ShipmentsConfiguration, wake: @escaping @Sendable () -> Void) {
        self.pool = pool
        self.configuration = configuration
        self.wake = wake
    }

    public func register(on router: ServiceRouter) {
        router.post("/v1/webhook-subscriptions") { request, context in
            let body = try await StableJSONRequestDecoder.jsonBody(of: request, context: context)
            let valid = try StableJSONRequestDecoder.decode(WebhookSubscriptionRequest.self, from: Data(body.readableBytesView)).validated()
            let subscription = try await subscriptions.create(url: valid.url, eventTypes: valid.eventTypes, secret: valid.secret, on: pool)
            var response = try StableJSONResponseEncoder.response(subscription, status: .created)
            response.headers[.location] = "/v1/webhook-subscriptions/\(subscription.id)"
            return response
        }
        router.get("/v1/webhook-subscriptions") { request, _ in
            let query = try pageQuery(request, allowed: ["limit", "cursor"])
            return try StableJSONResponseEncoder.response(try await subscriptions.subscriptions(limit: query.limit, after: query.cursor, on: pool), status: .ok)
        }
        router.get("/v1/webhook-subscriptions/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let subscription = try await subscriptions.subscription(id: id, on: pool) else { throw Self.subscriptionNotFound(id) }
            return try StableJSONResponseEncoder.response(subscription, status: .ok)
        }
        router.delete("/v1/webhook-subscriptions/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let subscription = try await subscriptions.deactivate(id: id, on: pool) else { throw Self.subscriptionNotFound(id) }
            return try StableJSONResponseEncoder.response(subscription, status: .ok)
        }
        router.get("/v1/webhook-deliveries") { request, _ in
            let query = try pageQuery(request, allowed: ["limit", "cursor", "status", "subscription"])
            return try StableJSONResponseEncoder.response(
                try await deliveries.deliveries(status: query.status, subscriptionID: query.subscription, limit: query.limit, after: query.cursor, on: pool),
                status: .ok
            )
        }
        router.get("/v1/webhook-deliveries/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let delivery = try await deliveries.delivery(id: id, on: pool) else { throw Self.deliveryNotFound(id) }
            return try StableJSONResponseEncoder.response(delivery, status: .ok)
        }
        router.post("/v1/webhook-deliveries/:id/redeliver") { _, context in
            let id = try context.parameters.require("id")
            switch try await deliveries.redeliver(id: id, on: pool) {
            case .queued(let delivery):
                wake()
                return try StableJSONResponseEncoder.response(delivery, status: .accepted)
            case .notFound:
                throw Self.deliveryNotFound(id)
            case .alreadyPending:
                throw ProblemDetails(
                    type: "urn:wholesail:problem:webhook-delivery-pending", title: "The delivery is still being retried", status: .conflict,
                    detail: "Delivery \(id) is pending: it is sent again automatically; redeliver it once it is failed or delivered."
                )
            case .subscriptionRemoved:
                throw ProblemDetails(
                    type: "urn:wholesail:problem:webhook-subscription-removed", title: "The subscription was removed", status: .conflict,
                    detail: "Delivery \(id) belongs to a removed subscription; nothing sends to it any more. Register the URL again to receive new events."
                )
            case .superseded:
                throw ProblemDetails(
                    type: "urn:wholesail:problem:webhook-delivery-superseded", title: "A newer delivery replaced this one", status: .conflict,
                    detail: "Delivery \(id) carries a state (a stock level) that a newer delivery to the same subscription replaced; sending it again would overwrite the newer state. Redeliver the newest one instead."
                )
            }
        }
    }

    /// The query parameters of the list routes, checked together (422 listing each invalid one).
    struct PageQuery: Sendable {
        var limit: Int
        var cursor: WebhookCursor?
        var status: WebhookDeliveryStatus?
        var subscription: String?
    }

    func pageQuery(_ request: Request, allowed: Set<String>) throws -> PageQuery {
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { parameters[String(name)] = String(value) }
        var errors: [ProblemDetails.FieldError] = []
        for name in parameters.keys.sorted() where !allowed.contains(name) {
            errors.append(.init(pointer: "?\(name)", detail: "is not a parameter of this list; use \(allowed.sorted().joined(separator: ", "))"))
        }
        var query = PageQuery(limit: min(50, configuration.maximumPageSize))
        if let text = parameters["limit"] {
            if let value = Int(text), (1...configuration.maximumPageSize).contains(value) { query.limit = value } else {
                errors.append(.init(pointer: "?limit", detail: "must be a whole number from 1 to \(configuration.maximumPageSize)"))
            }
        }
        if let text = parameters["cursor"] {
            query.cursor = WebhookCursor(decoding: text)
            if query.cursor == nil { errors.append(.init(pointer: "?cursor", detail: "is not a cursor this API returned; start again without it")) }
        }
        if let text = parameters["status"] {
            query.status = WebhookDeliveryStatus(rawValue: text)
            if query.status == nil {
                errors.append(.init(pointer: "?status", detail: "\"\(text)\" is not a status; one of \(WebhookDeliveryStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if let text = parameters["subscription"] {
            if text.isEmpty { errors.append(.init(pointer: "?subscription", detail: "must be a subscription id")) } else { query.subscription = text }
        }
        guard errors.isEmpty else {
            throw ProblemDetails(type: "urn:wholesail:problem:invalid-query", title: "Invalid query parameters", status: .unprocessableContent,
                                 detail: "\(errors.count) query parameter(s) are invalid; see errors.", errors: errors)
        }
        return query
    }

    static func subscriptionNotFound(_ id: String) -> ProblemDetails {
        ProblemDetails(type: "urn:wholesail:problem:webhook-subscription-not-found", title: "Webhook subscription not found", status: .notFound,
                       detail: "No webhook subscription \(id).")
    }

    static func deliveryNotFound(_ id: String) -> ProblemDetails {
        ProblemDetails(type: "urn:wholesail:problem:webhook-delivery-not-found", title: "Webhook delivery not found", status: .notFound,
                       detail: "No webhook delivery \(id).")
    }
}
