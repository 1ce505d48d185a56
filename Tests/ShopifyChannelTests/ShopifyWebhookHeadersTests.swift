import Foundation
import ShopifyChannel
import Testing

@Suite("Shopify webhook headers")
struct ShopifyWebhookHeadersTests {
    /// Headers as HTTP/2 delivers them (lower-cased), looked up case-insensitively the way `HTTPFields` does.
    static func lookup(_ headers: [String: String]) -> (String) -> String? {
        let lowered = Dictionary(uniqueKeysWithValues: headers.map { ($0.key.lowercased(), $0.value) })
        return { name in lowered[name.lowercased()] }
    }

    static let complete: [String: String] = [
        "x-shopify-topic": "orders/create",
        "x-shopify-hmac-sha256": "s/zVp2x9BfsjtncFgxDPLJvNPxQyB9/yAZ8XyVCggUQ=",
        "x-shopify-shop-domain": "Nordwind-Supply.myshopify.com",
        "x-shopify-api-version": "2026-07",
        "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
        "x-shopify-event-id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
        "x-shopify-triggered-at": "2026-03-02T14:16:02.123456Z",
        "x-shopify-name": "wholesail-orders",
    ]

    func headers(_ changes: [String: String?] = [:]) throws(ShopifyWebhookError) -> ShopifyWebhookHeaders {
        var fields = Self.complete
        for (name, value) in changes { fields[name] = value }
        return try ShopifyWebhookHeaders(lookup: Self.lookup(fields))
    }

    @Test func everyHeaderIsReadThroughACaseInsensitiveLookup() throws {
        let headers = try headers()
        #expect(headers.topic == "orders/create")
        #expect(headers.shopDomain == "nordwind-supply.myshopify.com")
        #expect(headers.webhookID == "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
        #expect(headers.eventID == "98880550-7158-44d4-b7cd-2c97c8a091b5")
        #expect(headers.eventIDIsWebhookID == false)
        #expect(headers.apiVersion == "2026-07")
        #expect(headers.name == "wholesail-orders")
    }

    @Test func triggeredAtKeepsFractionalSeconds() throws {
        let triggeredAt = try #require(try headers().triggeredAt)
        #expect(abs(triggeredAt.timeIntervalSince1970 - 1_772_460_962.123456) < 0.000_01)
    }

    @Test func missingTopicIsNamed() {
        #expect(throws: ShopifyWebhookError.missingHeader("X-Shopify-Topic")) { try headers(["x-shopify-topic": nil]) }
    }

    @Test func missingShopDomainIsNamed() {
        #expect(throws: ShopifyWebhookError.missingHeader("X-Shopify-Shop-Domain")) { try headers(["x-shopify-shop-domain": "  "]) }
    }

    @Test(arguments: ["nordwind.example.com", "myshopify.com", ".myshopify.com", "a.b.myshopify.com", "evil.myshopify.com.example.net"])
    func shopDomainOutsideMyshopifyIsRefused(domain: String) {
        #expect(throws: ShopifyWebhookError.self) { try headers(["x-shopify-shop-domain": domain]) }
        do {
            _ = try headers(["x-shopify-shop-domain": domain])
        } catch {
            guard case .invalidHeader(let name, _, _) = error else {
                Issue.record("expected invalidHeader, got \(error)")
                return
            }
            #expect(name == "X-Shopify-Shop-Domain")
        }
    }

    @Test func eventIDFallsBackToTheWebhookIDWhenAbsent() throws {
        let headers = try headers(["x-shopify-event-id": nil])
        #expect(headers.eventID == "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
        #expect(headers.eventIDIsWebhookID)
    }

    @Test func neitherEventIDNorWebhookIDNamesTheEventIDHeader() {
        #expect(throws: ShopifyWebhookError.missingHeader("X-Shopify-Event-Id")) {
            try headers(["x-shopify-event-id": nil, "x-shopify-webhook-id": nil])
        }
    }

    @Test func deliveriesOfOneEventShareTheDeduplicationKeyWhateverTheirWebhookID() throws {
        let first = try headers()
        let second = try headers(["x-shopify-webhook-id": "0d3f4c8e-5b1b-4f7a-9e59-3d2f2f6b8c11"])
        #expect(first.deduplicationKey == "nordwind-supply.myshopify.com|orders/create|98880550-7158-44d4-b7cd-2c97c8a091b5")
        #expect(first.deduplicationKey == second.deduplicationKey)
        #expect(first.webhookID != second.webhookID)
    }

    @Test func anotherTopicOfTheSameEventHasAnotherDeduplicationKey() throws {
        #expect(try headers().deduplicationKey != headers(["x-shopify-topic": "orders/updated"]).deduplicationKey)
    }

    @Test func malformedTriggeredAtIsRefusedNamingTheHeader() {
        do {
            _ = try headers(["x-shopify-triggered-at": "yesterday"])
            Issue.record("a malformed X-Shopify-Triggered-At was accepted")
        } catch {
            guard case .invalidHeader(let name, let value, _) = error else {
                Issue.record("expected invalidHeader, got \(error)")
                return
            }
            #expect(name == "X-Shopify-Triggered-At")
            #expect(value == "yesterday")
        }
    }

    @Test func topicWithAPipeIsRefusedSoTheDeduplicationKeyStaysUnambiguous() {
        #expect(throws: ShopifyWebhookError.self) { try headers(["x-shopify-topic": "orders/create|x"]) }
    }

    /// The example delivery of the shared samples (header lines until the first blank line), when present.
    static func sampleHeaderFiles() -> [String] {
        ShopifyFixtures.sampleFiles(in: "shopify", extension: "http")
    }

    @Test(arguments: sampleHeaderFiles())
    func sampleDeliveryHeadersAreRead(file: String) throws {
        let text = String(decoding: try ShopifyFixtures.sampleBytes("shopify/" + file), as: UTF8.self)
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { break }
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            fields[String(trimmed[..<colon])] = String(trimmed[trimmed.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        let headers = try ShopifyWebhookHeaders(lookup: Self.lookup(fields))
        #expect(headers.topic == fields["X-Shopify-Topic"])
        #expect(headers.shopDomain == fields["X-Shopify-Shop-Domain"]?.lowercased())
        #expect(headers.eventID == fields["X-Shopify-Event-Id"])
        #expect(headers.webhookID == fields["X-Shopify-Webhook-Id"])
        #expect(headers.triggeredAt != nil)
    }
}
