import Contracts
import Foundation
import Orders
import ShopifyChannel
import Testing
import WholesailTestSupport

/// `POST /v1/channels/shopify/webhooks` end to end against the real broker and database: the signature is checked
/// before anything else, a delivery is stored once per event, and the order it carries goes through intake.
@Suite("Shopify webhooks")
struct ShopifyWebhookTests {
    static let shop = "nordlicht-b2b.myshopify.com"
    static let secret = "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"

    /// An `orders/create` body in Shopify's shape: a 19-digit id, money as decimal strings, a B2B company.
    static func orderBody(id: Int64 = 5_920_117_364_227_185_001, quantity: Int = 3) -> String {
        """
        {"id": \(id), "name": "#1042", "order_number": 1042, "currency": "EUR", "presentment_currency": "EUR",
         "po_number": "PO-77812", "created_at": "2026-11-28T09:14:02+01:00", "updated_at": "2026-11-28T09:14:03+01:00",
         "total_price": "36.00",
         "company": {"id": 98001, "location_id": 98101, "name": "Nordlicht Handel GmbH"},
         "shipping_address": {"name": "Wareneingang", "company": "Nordlicht Handel GmbH", "address1": "Hafenstraße 12",
                              "address2": null, "city": "Hamburg", "province_code": "HH", "zip": "20457", "country_code": "DE"},
         "line_items": [
           {"id": 1380000000000000001, "variant_id": 4410000000000000001, "product_id": 810000000000000001,
            "sku": "BOLT-M8-50", "title": "Bolt M8x50", "quantity": \(quantity), "current_quantity": \(quantity), "price": "12.00",
            "price_set": {"shop_money": {"amount": "12.00", "currency_code": "EUR"},
                          "presentment_money": {"amount": "12.00", "currency_code": "EUR"}}}
         ]}
        """
    }

    static func cancelledBody(id: Int64 = 5_920_117_364_227_185_001) -> String {
        ##"{"id": \##(id), "name": "#1042", "cancelled_at": "2026-11-28T10:00:00+01:00", "cancel_reason": "customer", "updated_at": "2026-11-28T10:00:00+01:00"}"##
    }

    static func shopConfiguration(secret: String = secret) -> String {
        """
        {"shopDomain": "\(shop)", "channelName": "shop", "defaultCustomer": "C-WEB",
         "companyCustomers": {"98101": "C-1"}, "secret": "\(secret)"}
        """
    }

    static func headers(topic: String, eventID: String, webhookID: String, body: String, secret: String = secret) -> [String: String] {
        [
            "Content-Type": "application/json",
            "X-Shopify-Topic": topic,
            "X-Shopify-Shop-Domain": shop,
            "X-Shopify-Event-Id": eventID,
            "X-Shopify-Webhook-Id": webhookID,
            "X-Shopify-API-Version": "2026-07",
            "X-Shopify-Triggered-At": "2026-11-28T08:14:03.000000Z",
            "X-Shopify-Hmac-Sha256": ShopifyWebhookSignature.sign(body: Array(body.utf8), secret: secret),
        ]
    }

    static func deliver(_ orders: OrdersServiceHarness, topic: String = "orders/create", eventID: String, webhookID: String,
                        body: String, headers: [String: String]? = nil) async throws -> HTTPTestResponse {
        try await orders.service.client.send("POST", "/v1/channels/shopify/webhooks", body: Data(body.utf8),
                                             headers: headers ?? Self.headers(topic: topic, eventID: eventID, webhookID: webhookID, body: body))
    }

    static func configureShop(_ orders: OrdersServiceHarness, secret: String = secret) async throws {
        let response = try await orders.service.client.put("/v1/channels/shopify/shops/\(shop)", json: shopConfiguration(secret: secret),
                                                           headers: ["Authorization": "Bearer \(orders.key)"])
        guard response.status == 200 else { throw TestFailure("shop configuration: \(response.status) \(response.text)") }
    }

    @Test func aDeliveryForAnUnknownShopIs404() async throws {
        try await OrdersServiceHarness.with("orders_shopify_unknown") { orders in
            let response = try await Self.deliver(orders, eventID: "ev-1", webhookID: "wh-1", body: Self.orderBody())
            #expect(response.status == 404)
            #expect(try response.problem().type == "urn:wholesail:problem:unknown-shop")
        }
    }

    @Test func aWrongSignatureIs401AndStoresNothing() async throws {
        try await OrdersServiceHarness.with("orders_shopify_signature") { orders in
            try await Self.configureShop(orders)
            let body = Self.orderBody()
            var wrong = Self.headers(topic: "orders/create", eventID: "ev-1", webhookID: "wh-1", body: body, secret: "not-the-shop-secret-at-all")
            let refused = try await Self.deliver(orders, eventID: "ev-1", webhookID: "wh-1", body: body, headers: wrong)
            #expect(refused.status == 401)
            wrong["X-Shopify-Hmac-Sha256"] = nil
            #expect(try await Self.deliver(orders, eventID: "ev-1", webhookID: "wh-1", body: body, headers: wrong).status == 401)
            let stored = try await orders.schema.pool.query("SELECT count(*)::bigint FROM shopify_webhooks").first?.decode(Int64.self, at: 0)
            #expect(stored == 0)
        }
    }

    @Test func anOrdersCreateDeliveryBecomesOneCanonicalOrder() async throws {
        try await OrdersServiceHarness.with("orders_shopify_create") { orders in
            try await Self.configureShop(orders)
            let response = try await Self.deliver(orders, eventID: "ev-create", webhookID: "wh-1", body: Self.orderBody())
            #expect(response.status == 200)
            #expect(try response.json()["status"]?.stringValue == "accepted")
            let received = try #require(try await orders.service.collect(OrderReceived.self, expecting: 1, timeout: .seconds(60)).first)
            #expect(received.payload.channel == "shop")
            #expect(received.payload.channelOrderReference == "5920117364227185001")
            #expect(received.payload.customer == "C-1")
            #expect(received.payload.lines.map(\.sku) == ["BOLT-M8-50"])
            #expect(received.payload.lines.first?.channelUnitPrice == Money(minorUnits: 1200, currency: .EUR))
            #expect(received.payload.shipTo.city == "Hamburg")
            #expect(received.payload.purchaseOrderNumber == "PO-77812")
            let row = try #require(try await orders.schema.pool.query("SELECT status, order_id FROM shopify_webhooks WHERE event_id = 'ev-create'").first)
            #expect(try row.decode(String.self, at: 0) == "processed")
            #expect(try row.decode(String?.self, at: 1) == received.payload.orderID)
        }
    }

    @Test func aSecondDeliveryOfTheSameEventWithANewWebhookIDMakesNoSecondOrder() async throws {
        try await OrdersServiceHarness.with("orders_shopify_duplicate") { orders in
            try await Self.configureShop(orders)
            let first = try await Self.deliver(orders, eventID: "ev-dup", webhookID: "wh-1", body: Self.orderBody())
            let second = try await Self.deliver(orders, eventID: "ev-dup", webhookID: "wh-2", body: Self.orderBody())
            #expect(try first.json()["status"]?.stringValue == "accepted")
            #expect(try second.json()["status"]?.stringValue == "duplicate")
            #expect(try second.json()["webhookID"]?.stringValue == "wh-1")
            _ = try await orders.service.collect(OrderReceived.self, expecting: 1, timeout: .seconds(60))
            // A new event for the same Shopify order (e.g. a second subscription) still finds the first order.
            _ = try await Self.deliver(orders, eventID: "ev-other", webhookID: "wh-3", body: Self.orderBody())
            #expect(try await eventually {
                try await orders.schema.pool.query("SELECT 1 FROM shopify_webhooks WHERE event_id = 'ev-other' AND status = 'processed'").count == 1
            })
            let count = try await orders.schema.pool.query("SELECT count(*)::bigint FROM orders").first?.decode(Int64.self, at: 0)
            #expect(count == 1)
            let listed = try await orders.get("/v1/channels/shopify/shops/\(Self.shop)/webhooks")
            let deliveries = try #require(try listed.json()["deliveries"]?.arrayValue)
            let duplicated = try #require(deliveries.first { $0["eventID"]?.stringValue == "ev-dup" })
            #expect(duplicated["duplicateDeliveries"]?.numberValue == 1)
            #expect(duplicated["webhookID"]?.stringValue == "wh-1")
            #expect(duplicated["status"]?.stringValue == "processed")
            #expect(deliveries.compactMap { $0["orderID"]?.stringValue }.count == 2)
        }
    }

    @Test func anOrdersCancelledDeliveryCancelsTheOrder() async throws {
        try await OrdersServiceHarness.with("orders_shopify_cancel") { orders in
            try await Self.configureShop(orders)
            _ = try await Self.deliver(orders, eventID: "ev-create", webhookID: "wh-1", body: Self.orderBody())
            let received = try #require(try await orders.service.collect(OrderReceived.self, expecting: 1, timeout: .seconds(60)).first)
            let cancelled = try await Self.deliver(orders, topic: "orders/cancelled", eventID: "ev-cancel", webhookID: "wh-2", body: Self.cancelledBody(),
                                                   headers: Self.headers(topic: "orders/cancelled", eventID: "ev-cancel", webhookID: "wh-2", body: Self.cancelledBody()))
            #expect(cancelled.status == 200)
            #expect(try await eventually { try await orders.status(received.payload.orderID) == "cancelled" })
            let events = try await orders.service.collect(OrderCancelled.self, expecting: 1, timeout: .seconds(30))
            #expect(events.map(\.payload.orderID) == [received.payload.orderID])
        }
    }

    @Test func thePreviousSecretIsAcceptedInsideTheRotationWindow() async throws {
        try await OrdersServiceHarness.with("orders_shopify_rotation") { orders in
            try await Self.configureShop(orders)
            try await Self.configureShop(orders, secret: "shpss_new_secret_after_rotation_0001")
            let body = Self.orderBody()
            let signedWithOld = try await Self.deliver(orders, eventID: "ev-old", webhookID: "wh-1", body: body)
            #expect(signedWithOld.status == 200)
            let shop = try await orders.get("/v1/channels/shopify/shops/\(Self.shop)")
            #expect(try shop.json()["previousSecretAcceptedUntil"]?.stringValue != nil)
            #expect(!shop.text.contains(Self.secret))
        }
    }

    @Test func thePreviousSecretIsRefusedOutsideTheRotationWindow() async throws {
        try await OrdersServiceHarness.with("orders_shopify_rotation_over", adjust: { $0.shopifyRotationWindow = .zero }) { orders in
            try await Self.configureShop(orders)
            try await Self.configureShop(orders, secret: "shpss_new_secret_after_rotation_0001")
            let body = Self.orderBody()
            #expect(try await Self.deliver(orders, eventID: "ev-old", webhookID: "wh-1", body: body).status == 401)
            let signedWithNew = Self.headers(topic: "orders/create", eventID: "ev-new", webhookID: "wh-2", body: body, secret: "shpss_new_secret_after_rotation_0001")
            #expect(try await Self.deliver(orders, eventID: "ev-new", webhookID: "wh-2", body: body, headers: signedWithNew).status == 200)
        }
    }

    @Test func aShopCanOnlyBeConfiguredForTheKeysOwnChannel() async throws {
        try await OrdersServiceHarness.with("orders_shopify_config") { orders in
            let response = try await orders.service.client.put(
                "/v1/channels/shopify/shops/\(Self.shop)",
                json: #"{"shopDomain": "\#(Self.shop)", "channelName": "someone-else", "secret": "short"}"#,
                headers: ["Authorization": "Bearer \(orders.key)"]
            )
            #expect(response.status == 422)
            #expect(Set(try response.problem().errors.map(\.pointer)) == ["/channelName", "/secret"])
        }
    }

    @Test func anUnmappableOrderIsDeadLetteredWithTheReasonAndMadeWhenReplayedAfterTheShopIsFixed() async throws {
        try await OrdersServiceHarness.with("orders_shopify_unmappable") { orders in
            // No company mapping and no default customer: the order has no ERP customer.
            let configuration = #"{"shopDomain": "\#(Self.shop)", "channelName": "shop", "secret": "\#(Self.secret)"}"#
            let configured = try await orders.service.client.put("/v1/channels/shopify/shops/\(Self.shop)", json: configuration,
                                                                 headers: ["Authorization": "Bearer \(orders.key)"])
            #expect(configured.status == 200)
            let response = try await Self.deliver(orders, eventID: "ev-unmappable", webhookID: "wh-1", body: Self.orderBody())
            #expect(response.status == 200)
            let parked = try #require(try await orders.firstDeadLetter())
            #expect(parked.reason.contains("cannot be mapped"))
            #expect(parked.reason.contains("customer"), "\(parked.reason)")
            // The delivery is kept, unprocessed, for a replay once the shop is configured.
            let status = try await orders.schema.pool.query("SELECT status FROM shopify_webhooks WHERE event_id = 'ev-unmappable'").first?.decode(String.self, at: 0)
            #expect(status == "received")
            let count = try await orders.schema.pool.query("SELECT count(*)::bigint FROM orders").first?.decode(Int64.self, at: 0)
            #expect(count == 0)

            // The operator fixes the shop and replays the parked message: the order is made from the stored body.
            try await Self.configureShop(orders)
            try await orders.service.publish(try EventEnvelope<ShopifyWebhookAccepted>.decode(from: Data(parked.body)))
            let received = try #require(try await orders.service.collect(OrderReceived.self, expecting: 1, timeout: .seconds(60)).first)
            #expect(received.payload.customer == "C-1")
            #expect(try await eventually {
                try await orders.schema.pool.query("SELECT 1 FROM shopify_webhooks WHERE event_id = 'ev-unmappable' AND status = 'processed'").count == 1
            })
        }
    }
}
