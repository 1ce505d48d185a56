import Contracts
import Foundation
import Testing

/// The schema of `orders.shopify-webhook.accepted.v1`, the event that hands a verified Shopify delivery from the
/// webhook endpoint to the orders service's own consumer.
@Suite("Channel event schemas")
struct ChannelEventSchemaTests {
    static let accepted = ShopifyWebhookAccepted(
        shopDomain: "nordlicht-b2b.myshopify.com", topic: "orders/create", eventID: "7f3c5a1e-2b4d-4e8f-9a10-3c5d7e9f1a2b",
        webhookID: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", receivedAt: OrderEventSchemaTests.now
    )

    private func violations(_ payload: ShopifyWebhookAccepted) throws -> [JSONSchemaViolation] {
        try EventSchemas().validateEnvelope(OrderEventSchemaTests.envelope(payload))
    }

    @Test func shopifyWebhookAcceptedIsValid() throws {
        let violations = try self.violations(Self.accepted)
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func anEmptyEventIDIsRefused() throws {
        var accepted = Self.accepted
        accepted.eventID = ""
        #expect(try violations(accepted).contains { $0.instancePath == "/payload/eventID" })
    }
}
