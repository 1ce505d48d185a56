import Contracts
import Foundation
@testable import Shipments
import Testing
import WholesailTestSupport

/// Channel feeds through the whole service: stock events from the real broker, dispatches over HTTP, deliveries by
/// the webhook dispatcher to a real local receiver.
@Suite("Channel feeds: stock levels and fulfillments through the service", .timeLimit(.minutes(3)))
struct ChannelFeedDeliveryTests {
    typealias Harness = ShipmentsServiceHarness
    typealias Fixtures = ChannelFeedFixtures
    /// Nothing listens there: deliveries stay pending (refused connections are retried), which is all these tests read.
    static let deadURL = "http://127.0.0.1:9/feed"

    static func putFeed(_ harness: Harness, channel: String = "shop", url: String = deadURL, feeds: [String] = ["inventory", "fulfillment"]) async throws -> ChannelFeed {
        let response = try await harness.service.client.put("/v1/channel-feeds/\(channel)", json: Fixtures.body(url: url, feeds: feeds))
        guard response.status == 201 else { throw TestFailure("PUT /v1/channel-feeds/\(channel) answered \(response.status): \(response.text)") }
        return try StableJSON.decode(ChannelFeed.self, from: response.body)
    }

    /// The channel feed deliveries of one type (`channel.fulfillment`, `channel.inventory-level`), oldest first: (event id, body).
    static func deliveries(_ harness: Harness, type: String) async throws -> [(eventID: String, body: String)] {
        try await harness.schema.pool.query(
            "SELECT event_id, body FROM webhook_deliveries WHERE event_type = $1 ORDER BY created_at, id", type
        ).map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
    }

    @Test("a dispatch queues one fulfillment notification with the order id, tracking and lines; a repeated milestone none")
    func dispatchQueuesOneFulfillment() async throws {
        try await Harness.with("feed-fulfillment") { harness in
            _ = try await Self.putFeed(harness)
            let shipmentID = try await harness.shipmentOfConfirmedOrder("ord-feed", channelOrderReference: "820982911946154508")
            let milestone = Harness.event("wms-1", "dispatched", extra: #""carrier": "DHL", "trackingNumber": "0034", "lines": [{"lineNumber": 1, "quantity": 4}]"#)
            #expect(try await harness.milestone(shipmentID, milestone).status == 200)
            #expect(try await harness.milestone(shipmentID, milestone).header("Idempotent-Replayed") == "true")
            let dispatched = try #require(try await harness.service.collect(ShipmentDispatched.self, expecting: 1).first)

            let notifications = try await Self.deliveries(harness, type: "channel.fulfillment")
            #expect(notifications.count == 1)
            #expect(notifications.first?.eventID == dispatched.id.description)
            #expect(notifications.first?.body == #"{"fulfillment":{"channel_order_reference":"820982911946154508","created_at":"2026-11-27T14:01:02.000Z","dispatch_id":"\#(shipmentID)-d1","line_items":[{"line_number":1,"quantity":4,"sku":"BOLT"}],"order_id":820982911946154508,"shipment_id":"\#(shipmentID)","status":"success","tracking_info":{"company":"DHL","number":"0034"}}}"#)

            // The remainder is another dispatch: another notification, with the carrier kept from the first.
            #expect(try await harness.milestone(shipmentID, Harness.event("wms-2", "dispatched")).status == 200)
            let both = try await Self.deliveries(harness, type: "channel.fulfillment")
            #expect(both.count == 2)
            let second = try JSONValue(data: Data((both.last?.body ?? "").utf8))["fulfillment"]
            #expect(second?["dispatch_id"]?.stringValue == "\(shipmentID)-d2")
            #expect(second?["line_items"] == [["line_number": 1, "quantity": 6, "sku": "BOLT"], ["line_number": 2, "quantity": 5, "sku": "NUT"]])
            #expect(second?["tracking_info"] == ["company": "DHL", "number": "0034"])
        }
    }

    @Test("a channel whose feed lacks fulfillment gets nothing; a reference that is not a number is sent as a string")
    func onlyChannelsWithTheFulfillmentFeedAreNotified() async throws {
        try await Harness.with("feed-no-fulfillment") { harness in
            _ = try await Self.putFeed(harness, channel: "shop", feeds: ["inventory"])
            let other = try await Self.putFeed(harness, channel: "other", feeds: ["fulfillment"])
            let shopShipment = try await harness.shipmentOfConfirmedOrder("ord-shop")
            #expect(try await harness.milestone(shopShipment, Harness.event("wms-1", "dispatched", extra: #""carrier": "UPS""#)).status == 200)
            #expect(try await Self.deliveries(harness, type: "channel.fulfillment").isEmpty)

            let otherShipment = try await harness.shipmentOfConfirmedOrder("ord-other", channel: "other")
            #expect(try await harness.milestone(otherShipment, Harness.event("wms-2", "dispatched")).status == 200)
            let notifications = try await Self.deliveries(harness, type: "channel.fulfillment")
            #expect(notifications.count == 1)
            let body = try JSONValue(data: Data((notifications.first?.body ?? "").utf8))["fulfillment"]
            #expect(body?["order_id"] == "WS-ord-other")
            #expect(body?["tracking_info"] == ["company": nil, "number": nil])
            let subscription = try await harness.schema.pool.query("SELECT subscription_id FROM webhook_deliveries WHERE event_type = 'channel.fulfillment'")
                .first?.decode(String.self, at: 0)
            #expect(subscription == other.subscriptionID)
        }
    }

    @Test("stock events from the broker reach the channel's receiver signed, once each, never stale; so does the fulfillment")
    func feedsReachAReceiverWithAValidSignature() async throws {
        try await WebhookReceiver.with(answer: { _ in .status(200) }) { receiver in
            try await Harness.with("feed-receiver") { harness in
                let feed = try await Self.putFeed(harness, url: receiver.url)
                let newer = try EventEnvelope(payload: ChannelStockFeedTests.change(available: 7, sequence: 12), correlationID: "BOLT")
                try await harness.service.publish(newer)
                try await harness.service.publish(newer)  // Redelivered: the inbox takes it once.
                #expect(try await eventually(timeout: .seconds(20)) { try await !Self.deliveries(harness, type: "channel.inventory-level").isEmpty })
                // Arriving after the newer one: dropped.
                try await harness.service.publish(try EventEnvelope(payload: ChannelStockFeedTests.change(available: 9, sequence: 11), correlationID: "BOLT"))
                try await harness.service.publish(try EventEnvelope(payload: ChannelStockFeedTests.change(sku: "WASHER", available: 1, sequence: 1), correlationID: "WASHER"))
                let shipmentID = try await harness.shipmentOfConfirmedOrder("ord-signed", channelOrderReference: "1001")
                #expect(try await harness.milestone(shipmentID, Harness.event("wms-1", "dispatched", extra: #""carrier": "UPS", "trackingNumber": "1Z9""#)).status == 200)

                #expect(try await eventually(timeout: .seconds(20)) { receiver.requests.count >= 2 })
                try await Task.sleep(for: .milliseconds(700))  // Anything stale, repeated or unmapped would arrive by now.
                let requests = receiver.requests
                #expect(requests.count == 2)
                for request in requests {
                    let timestamp = try #require(request.header("Webhook-Timestamp").flatMap { Int64($0) })
                    let signature = try #require(request.header("Webhook-Signature"))
                    #expect(WebhookSignature.verify(body: request.body, secret: Fixtures.secret, timestamp: timestamp, signature: signature))
                    #expect(!WebhookSignature.verify(body: request.body, secret: WebhookTestBed.secret, timestamp: timestamp, signature: signature))
                    #expect(request.header("Content-Type") == "application/json")
                }
                let level = try #require(requests.first { $0.header("Webhook-Event-Type") == "channel.inventory-level" })
                #expect(String(decoding: level.body, as: UTF8.self) == #"{"available":7,"inventory_item_id":8209829119461545089,"location_id":905684977,"sequence":12,"sku":"BOLT","updated_at":"2026-11-27T14:01:02.123Z"}"#)
                let fulfillment = try #require(requests.first { $0.header("Webhook-Event-Type") == "channel.fulfillment" })
                let body = try JSONValue(data: Data(fulfillment.body))["fulfillment"]
                #expect(body?["order_id"] == 1001)
                #expect(body?["tracking_info"] == ["company": "UPS", "number": "1Z9"])
                // The status API shows them delivered under the feed's subscription.
                let page = try StableJSON.decode(WebhookDeliveryPage.self, from: try await harness.service.client.get(
                    "/v1/webhook-deliveries?subscription=\(feed.subscriptionID)&status=delivered"
                ).body)
                #expect(page.deliveries.count == 2)
                #expect(Set(page.deliveries.map(\.id)) == Set(requests.compactMap { $0.header("Webhook-Id") }))
            }
        }
    }
}
