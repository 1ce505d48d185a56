import Contracts
import Foundation
import ServiceKit
@testable import Shipments
import Testing
import WholesailTestSupport

/// The channel feed API over HTTP, against the real PostgreSQL.
@Suite("Channel feed routes", .timeLimit(.minutes(2)))
struct ChannelFeedRoutesTests {
    typealias Fixtures = ChannelFeedFixtures

    func pointers(_ response: HTTPTestResponse) throws -> [String] {
        try response.problem().errors.map(\.pointer)
    }

    @Test func everyInvalidFieldIsListedByItsPointerAndNothingIsStored() async throws {
        try await WebhookTestBed.with("cf_api_invalid") { bed in
            try await bed.withAPI { api in
                let everythingWrong = #"{"format": "amazon", "url": "ftp://files.example/x", "secret": "short", "feeds": ["inventory", "stock", "inventory"], "inventoryItems": {"BOLT": 1.5, "NUT": -3, "SCREW": "808", "bad sku": 7}, "locations": {"HAM": 0}, "colour": "red"}"#
                let response = try await api.put("/v1/channel-feeds/shop", json: everythingWrong)
                #expect(response.status == 422)
                #expect(response.header("Content-Type") == "application/problem+json")
                #expect(try response.problem().type == "urn:wholesail:problem:validation-failed")
                #expect(try pointers(response) == [
                    "/colour", "/format", "/url", "/secret", "/feeds/1", "/feeds/2",
                    "/inventoryItems/BOLT", "/inventoryItems/NUT", "/inventoryItems/SCREW", "/inventoryItems/bad sku", "/locations/HAM",
                ])

                #expect(try pointers(try await api.put("/v1/channel-feeds/shop", json: "{}")) == ["/format", "/url", "/secret", "/feeds"])
                let wrongTypes = #"{"format": 1, "url": true, "secret": 12345678901234567, "feeds": "inventory", "inventoryItems": [], "locations": "HAM"}"#
                #expect(try pointers(try await api.put("/v1/channel-feeds/shop", json: wrongTypes)) == ["/format", "/url", "/secret", "/feeds", "/inventoryItems", "/locations"])
            }
            #expect(try await bed.pool.query("SELECT count(*) FROM channel_feeds").first?.decode(Int.self, at: 0) == 0)
            #expect(try await bed.pool.query("SELECT count(*) FROM webhook_subscriptions").first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func theInventoryFeedNeedsMappingsAndIdsMustFitInt64() async throws {
        try await WebhookTestBed.with("cf_api_mappings") { bed in
            try await bed.withAPI { api in
                let base = #""format": "shopify", "url": "https://shop.example/feed", "secret": "0123456789abcdef""#
                #expect(try pointers(try await api.put("/v1/channel-feeds/shop", json: #"{\#(base), "feeds": ["inventory"]}"#)) == ["/inventoryItems", "/locations"])
                #expect(try pointers(try await api.put("/v1/channel-feeds/shop", json: #"{\#(base), "feeds": ["inventory"], "inventoryItems": {}, "locations": {}}"#)) == ["/inventoryItems", "/locations"])
                #expect(try pointers(try await api.put("/v1/channel-feeds/shop", json: #"{\#(base), "feeds": []}"#)) == ["/feeds"])
                // 2^63 does not fit; 2^63 − 1 does, exactly.
                let tooBig = #"{\#(base), "feeds": ["inventory"], "inventoryItems": {"BOLT": 9223372036854775808}, "locations": {"HAM": 1}}"#
                #expect(try pointers(try await api.put("/v1/channel-feeds/shop", json: tooBig)) == ["/inventoryItems/BOLT"])
                let largest = #"{\#(base), "feeds": ["inventory"], "inventoryItems": {"BOLT": 9223372036854775807}, "locations": {"HAM": 1}}"#
                let stored = try await api.put("/v1/channel-feeds/shop", json: largest)
                #expect(stored.status == 201, "\(stored.text)")
                #expect(stored.text.contains(#""BOLT":9223372036854775807"#))
                // Fulfillment alone needs no mappings.
                let fulfillmentOnly = try await api.put("/v1/channel-feeds/edi-partner", json: #"{\#(base), "feeds": ["fulfillment"]}"#)
                #expect(fulfillmentOnly.status == 201, "\(fulfillmentOnly.text)")
            }
        }
    }

    @Test func anInvalidChannelNameOrBodyIsRefused() async throws {
        try await WebhookTestBed.with("cf_api_channel") { bed in
            try await bed.withAPI { api in
                let badName = try await api.put("/v1/channel-feeds/no%20spaces", json: Fixtures.body(url: "https://shop.example/feed"))
                #expect(badName.status == 422)
                #expect(try pointers(badName) == ["{channel}"])
                #expect(try await api.put("/v1/channel-feeds/shop", json: "{").status == 400)
                #expect(try await api.put("/v1/channel-feeds/shop", json: "[]").status == 422)
                #expect(try await api.get("/v1/channel-feeds/no%20spaces").status == 404)
            }
        }
    }

    @Test func puttingTheSameFeedTwiceChangesNothingAndShowsNoSecret() async throws {
        try await WebhookTestBed.with("cf_api_idempotent") { bed in
            try await bed.withAPI { api in
                let body = Fixtures.body(url: "https://shop.example/feed")
                let created = try await api.put("/v1/channel-feeds/shop", json: body)
                #expect(created.status == 201, "\(created.text)")
                #expect(created.header("Location") == "/v1/channel-feeds/shop")
                #expect(!created.text.contains(Fixtures.secret))
                // The 19-digit id is written with all its digits.
                #expect(created.text.contains(#""BOLT":\#(Fixtures.bigItemID)"#))
                let feed = try StableJSON.decode(ChannelFeed.self, from: created.body)
                #expect(feed.inventoryItems == ["BOLT": Fixtures.bigItemID, "NUT": 808_950_810])
                #expect(feed.locations == ["HAM": Fixtures.hamburgLocationID])
                #expect(feed.feeds == [.inventory, .fulfillment])
                #expect(feed.active)

                let again = try await api.put("/v1/channel-feeds/shop", json: body)
                #expect(again.status == 200)
                #expect(again.body == created.body, "unchanged: same subscription, same updatedAt")
                #expect(try await bed.pool.query("SELECT count(*) FROM webhook_subscriptions").first?.decode(Int.self, at: 0) == 1)

                let shown = try await api.get("/v1/channel-feeds/shop")
                #expect(shown.status == 200 && shown.body == created.body)
                let listed = try await api.get("/v1/channel-feeds")
                #expect(try StableJSON.decode(ChannelFeedList.self, from: listed.body).channelFeeds == [feed])
                #expect(!listed.text.contains(Fixtures.secret))

                // The subscription carries the feed: its URL, the secret (stored for signing), the feeds' event types.
                let subscription = try #require(try await bed.pool.query(
                    "SELECT url, secret, event_types, active FROM webhook_subscriptions WHERE id = $1", feed.subscriptionID
                ).first)
                #expect(try subscription.decode(String.self, at: 0) == "https://shop.example/feed")
                #expect(try subscription.decode(String.self, at: 1) == Fixtures.secret)
                #expect(try subscription.decode([String].self, at: 2) == ["channel.inventory-level", "channel.fulfillment"])
            }
        }
    }

    @Test func aChangedFeedKeepsItsSubscriptionAndReplacesTheMappings() async throws {
        try await WebhookTestBed.with("cf_api_replace") { bed in
            try await bed.withAPI { api in
                let first = try StableJSON.decode(ChannelFeed.self, from: try await api.put("/v1/channel-feeds/shop", json: Fixtures.body(url: "https://shop.example/feed")).body)
                let changed = #"{"format": "shopify", "url": "https://shop.example/v2", "secret": "another-secret-0123456789", "feeds": ["inventory"], "inventoryItems": {"NUT": 5}, "locations": {"MUC": 6}}"#
                let response = try await api.put("/v1/channel-feeds/shop", json: changed)
                #expect(response.status == 200)
                let second = try StableJSON.decode(ChannelFeed.self, from: response.body)
                #expect(second.subscriptionID == first.subscriptionID)
                #expect(second.url == "https://shop.example/v2" && second.feeds == [.inventory])
                #expect(second.inventoryItems == ["NUT": 5] && second.locations == ["MUC": 6])
                #expect(second.createdAt == first.createdAt)
                let subscription = try #require(try await bed.pool.query("SELECT secret, event_types FROM webhook_subscriptions WHERE id = $1", first.subscriptionID).first)
                #expect(try subscription.decode(String.self, at: 0) == "another-secret-0123456789")
                #expect(try subscription.decode([String].self, at: 1) == ["channel.inventory-level"])
            }
        }
    }

    @Test func removingAFeedDeactivatesItsSubscriptionAndIsNotFoundAfterwards() async throws {
        try await WebhookTestBed.with("cf_api_remove") { bed in
            try await bed.withAPI { api in
                let feed = try StableJSON.decode(ChannelFeed.self, from: try await api.put("/v1/channel-feeds/shop", json: Fixtures.body(url: "https://shop.example/feed")).body)
                let removed = try await api.send("DELETE", "/v1/channel-feeds/shop")
                #expect(removed.status == 200)
                #expect(try StableJSON.decode(ChannelFeed.self, from: removed.body).active == false)
                #expect(try await api.get("/v1/channel-feeds/shop").status == 404)
                #expect(try await api.send("DELETE", "/v1/channel-feeds/shop").status == 404)
                #expect(try StableJSON.decode(ChannelFeedList.self, from: try await api.get("/v1/channel-feeds").body).channelFeeds.isEmpty)
                #expect(try await bed.pool.query("SELECT active FROM webhook_subscriptions WHERE id = $1", feed.subscriptionID).first?.decode(Bool.self, at: 0) == false)
                #expect(try await bed.pool.query("SELECT count(*) FROM channel_feed_inventory_items").first?.decode(Int.self, at: 0) == 0)
            }
        }
    }
}
