import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit
import ShopifyChannel

/// `PUT /v1/channels/shopify/shops/{domain}` and `GET` of the same: a channel configures its Shopify shop — the
/// mapping to canonical orders and the webhook secret — with its own API key; `GET …/{domain}/webhooks` lists the
/// shop's deliveries and what became of each.
///
/// Setting a new secret starts a rotation: the previous one is still accepted for `WHOLESAIL_ORDERS_SHOPIFY_ROTATION_WINDOW`,
/// so webhooks signed before Shopify switched over are not refused. Secrets are never shown.
struct ShopifyShopSettings: Sendable {
    /// The shop as `GET` shows it.
    struct Document: Codable, Sendable {
        var configuration: ShopifyShopConfiguration
        /// While a rotation is in progress: until when the previous secret is accepted.
        var previousSecretAcceptedUntil: Date?
        var updatedAt: Date
    }

    private struct SecretMember: Decodable {
        var secret: String?
    }

    static let secretLength = 16...512

    let shops: ShopifyShops
    let pool: PostgresPool
    let configuration: OrdersConfiguration

    func put(domain rawDomain: String, body: ByteBuffer, credential: ChannelCredential) async throws -> Response {
        let domain = rawDomain.lowercased()
        let data = Data(body.readableBytesView)
        var shop = try StableJSONRequestDecoder.decode(ShopifyShopConfiguration.self, from: data)
        let secret = try StableJSONRequestDecoder.decode(SecretMember.self, from: data).secret
        var errors: [ProblemDetails.FieldError] = []
        if !domain.hasSuffix(".myshopify.com") || domain.count > 255 {
            errors.append(.init(pointer: "/shopDomain", detail: "the path must name the shop's *.myshopify.com domain, not \(rawDomain)"))
        }
        if shop.shopDomain.lowercased() != domain {
            errors.append(.init(pointer: "/shopDomain", detail: "is \(shop.shopDomain) but the path names \(domain); they must be equal"))
        }
        shop.shopDomain = domain
        if shop.channelName != credential.channel {
            errors.append(.init(pointer: "/channelName", detail: "must be \(credential.channel), the channel of the API key used"))
        }
        if let secret {
            if !Self.secretLength.contains(secret.utf8.count) {
                errors.append(.init(pointer: "/secret", detail: "must have \(Self.secretLength.lowerBound) to \(Self.secretLength.upperBound) bytes"))
            }
        } else {
            errors.append(.init(pointer: "/secret", detail: "is required: the app's client secret (or the admin webhook signing key) Shopify signs webhooks with"))
        }
        guard errors.isEmpty, let secret else { throw ProblemDetails.validationFailed(errors) }
        let rotationEnds = Date().addingTimeInterval(TimeInterval(OrdersStore.milliseconds(configuration.shopifyRotationWindow)) / 1000)
        let document = try await pool.transaction { transaction -> Document in
            if let owner = try await transaction.query("SELECT channel FROM shopify_shops WHERE shop_domain = $1 FOR UPDATE", domain).first,
               try owner.decode(String.self, at: 0) != credential.channel {
                throw Self.notFound(domain)
            }
            try await shops.upsert(shop, secret: secret, rotationEnds: rotationEnds, in: transaction)
            guard let stored = try await shops.shop(domain: domain, in: transaction) else { throw OrdersStoreError.corrupt("shop \(domain) vanished") }
            return Self.document(stored)
        }
        return try StableJSONResponseEncoder.response(document, status: .ok)
    }

    func get(domain rawDomain: String, credential: ChannelCredential) async throws -> Response {
        let domain = rawDomain.lowercased()
        let stored = try await pool.transaction { transaction in try await shops.shop(domain: domain, in: transaction) }
        guard let stored, stored.configuration.channelName == credential.channel else { throw Self.notFound(domain) }
        return try StableJSONResponseEncoder.response(Self.document(stored), status: .ok)
    }

    /// `GET /v1/channels/shopify/shops/{domain}/webhooks[?status=received&limit=50]`: what became of each delivery.
    func deliveries(domain rawDomain: String, parameters: [String: String], credential: ChannelCredential) async throws -> Response {
        struct List: Codable, Sendable { var deliveries: [ShopifyShops.Delivery] }
        let domain = rawDomain.lowercased()
        let limit = Int(parameters["limit"] ?? "50") ?? -1
        let status = parameters["status"]
        guard (1...500).contains(limit), status.map({ ["received", "processed", "ignored"].contains($0) }) ?? true else {
            throw ProblemDetails(type: "urn:wholesail:problem:invalid-parameter", title: "Invalid query parameter", status: .badRequest,
                                 detail: "limit must be 1 to 500 and status one of received, processed, ignored")
        }
        let found = try await pool.transaction { transaction -> [ShopifyShops.Delivery]? in
            guard let shop = try await shops.shop(domain: domain, in: transaction), shop.configuration.channelName == credential.channel else { return nil }
            return try await shops.deliveries(shop: domain, status: status, limit: limit, in: transaction)
        }
        guard let found else { throw Self.notFound(domain) }
        return try StableJSONResponseEncoder.response(List(deliveries: found), status: .ok)
    }

    static func document(_ shop: ShopifyShop) -> Document {
        let until = shop.secrets.previousAcceptedUntil.flatMap { $0 > Date() ? $0 : nil }
        return Document(configuration: shop.configuration, previousSecretAcceptedUntil: until, updatedAt: shop.updatedAt)
    }

    static func notFound(_ domain: String) -> ProblemDetails {
        ProblemDetails(type: "urn:wholesail:problem:unknown-shop", title: "Unknown Shopify shop", status: .notFound,
                       detail: "Your channel has no Shopify shop \(domain).")
    }
}
