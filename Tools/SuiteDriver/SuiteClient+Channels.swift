import Contracts
import Foundation

extension SuiteClient {
    /// Configures the API key's channel's Shopify shop — its mapping and webhook secret:
    /// `PUT /v1/channels/shopify/shops/{domain}`. `configuration` is the body as the orders openapi describes it.
    @discardableResult
    public func configureShopifyShop(domain: String, configuration: JSONValue) async throws(SuiteClientError) -> JSONValue {
        let answer = try await send("PUT", endpoints.orders, "/v1/channels/shopify/shops/\(Self.segment(domain))", json: configuration, headers: channelHeaders())
        return try decode(JSONValue.self, from: try expect(answer, [200]))
    }

    /// Delivers a webhook the way Shopify does: the raw body with its `X-Shopify-*` headers (`signature` is the
    /// `X-Shopify-Hmac-Sha256` value). Answers the orders service's JSON (`status` `accepted` or `duplicate`).
    @discardableResult
    public func deliverShopifyWebhook(
        shop: String, topic: String, eventID: String, webhookID: String, body: Data, signature: String
    ) async throws(SuiteClientError) -> JSONValue {
        let headers = [
            "X-Shopify-Shop-Domain": shop, "X-Shopify-Topic": topic, "X-Shopify-Event-Id": eventID, "X-Shopify-Webhook-Id": webhookID,
            "X-Shopify-API-Version": "2026-07", "X-Shopify-Hmac-Sha256": signature,
        ]
        let answer = try await send("POST", endpoints.orders, "/v1/channels/shopify/webhooks", body: body, contentType: "application/json", headers: headers)
        return try decode(JSONValue.self, from: try expect(answer, [200]))
    }

    /// Configures one of the channel's EDI trading partners: `PUT /v1/channels/edi/partners/{id}`.
    @discardableResult
    public func configureEDIPartner(id: String, configuration: JSONValue) async throws(SuiteClientError) -> JSONValue {
        let answer = try await send("PUT", endpoints.orders, "/v1/channels/edi/partners/\(Self.segment(id))", json: configuration, headers: channelHeaders())
        return try decode(JSONValue.self, from: try expect(answer, [200]))
    }

    /// Sends a raw X12 interchange: `POST /v1/channels/edi/interchanges`. Answers the report, whose `acknowledgment`
    /// member is the 997.
    public func sendInterchange(_ interchange: String) async throws(SuiteClientError) -> JSONValue {
        let answer = try await send("POST", endpoints.orders, "/v1/channels/edi/interchanges", body: Data(interchange.utf8),
                                    contentType: "application/edi-x12", headers: channelHeaders())
        return try decode(JSONValue.self, from: try expect(answer, [200]))
    }

    /// The documents generated for a partner, newest first: `GET /v1/channels/edi/partners/{id}/documents`.
    public func ediDocuments(partnerID: String, type: String? = nil, orderID: String? = nil) async throws(SuiteClientError) -> [JSONValue] {
        var query: [URLQueryItem] = []
        if let type { query.append(URLQueryItem(name: "type", value: type)) }
        if let orderID { query.append(URLQueryItem(name: "orderID", value: orderID)) }
        let answer = try await send("GET", endpoints.orders, "/v1/channels/edi/partners/\(Self.segment(partnerID))/documents", query: query, headers: channelHeaders())
        return try decode(JSONValue.self, from: try expect(answer, [200]))["documents"]?.arrayValue ?? []
    }
}
