import Contracts
import Foundation
import Logging
import Prometheus
@testable import Shipments
import Testing
import WholesailTestSupport

/// Stock changes becoming channel stock levels (``ChannelFeedOutbox/queueLevel(_:eventID:logger:in:)``), against the
/// real PostgreSQL.
@Suite("Channel stock feed", .timeLimit(.minutes(2)))
struct ChannelStockFeedTests {
    typealias Fixtures = ChannelFeedFixtures

    static func change(sku: String = "BOLT", warehouse: String = "HAM", available: Int, sequence: Int64) -> StockChanged {
        StockChanged(sku: sku, warehouse: warehouse, onHand: available + 2, reserved: 2, available: available, sequence: sequence, cause: "receipt",
                     changedAt: Date(timeIntervalSince1970: 1_795_788_062.123))
    }

    /// Queues `change` as event `eventID` in a transaction of its own.
    @discardableResult
    static func queue(
        _ change: StockChanged, eventID: String = UUID().uuidString.lowercased(), bed: WebhookTestBed, outbox: ChannelFeedOutbox = ChannelFeedOutbox()
    ) async throws -> [ChannelFeedOutbox.LevelOutcome] {
        try await bed.pool.transaction { transaction in
            try await outbox.queueLevel(change, eventID: eventID, logger: testLogger("channel-stock-feed"), in: transaction)
        }
    }

    static func feed(_ channel: String = "shop", feeds: [ChannelFeedKind] = [.inventory, .fulfillment], bed: WebhookTestBed) async throws -> ChannelFeed {
        try await ChannelFeedStore().upsert(channel: channel, Fixtures.valid(url: "https://\(channel).example/feed", feeds: feeds), on: bed.pool).feed
    }

    @Test func aStockChangeQueuesOneLevelWithTheMappedIdsExactly() async throws {
        try await WebhookTestBed.with("cf_stock_one") { bed in
            let feed = try await Self.feed(bed: bed)
            let ordinary = try await bed.subscribe(url: "https://other.example/hooks", eventTypes: ["*"])
            let outcomes = try await Self.queue(Self.change(available: 7, sequence: 3), eventID: "evt-stock-1", bed: bed)
            let delivery = try await bed.onlyDelivery(subscriptionID: feed.subscriptionID)
            #expect(outcomes == [.queued(channel: "shop", deliveryID: delivery.id)])
            #expect(delivery.eventID == "evt-stock-1" && delivery.eventType == "channel.inventory-level" && delivery.status == .pending)
            let body = try #require(try await bed.pool.query("SELECT body FROM webhook_deliveries WHERE id = $1", delivery.id).first?.decode(String.self, at: 0))
            #expect(body == #"{"available":7,"inventory_item_id":8209829119461545089,"location_id":905684977,"sequence":3,"sku":"BOLT","updated_at":"2026-11-27T14:01:02.123Z"}"#)
            // The exact Int64 reads back from the bytes (never through Double).
            let parsed = try JSONValue(data: Data(body.utf8))
            #expect(parsed["inventory_item_id"]?.numberValue.flatMap { ChannelFeedRequest.positiveInt64(.number($0)) } == Fixtures.bigItemID)
            // An ordinary "*" subscriber never gets a channel's feed.
            #expect(try await bed.deliveries(subscriptionID: ordinary).isEmpty)
        }
    }

    @Test func anOlderSequenceAfterANewerOneIsDroppedAndCounted() async throws {
        try await WebhookTestBed.with("cf_stock_stale") { bed in
            let feed = try await Self.feed(bed: bed)
            let registry = PrometheusCollectorRegistry()
            let outbox = ChannelFeedOutbox(metricsFactory: PrometheusMetricsFactory(registry: registry))
            try await Self.queue(Self.change(available: 5, sequence: 10), bed: bed, outbox: outbox)
            // Reordered (9) and repeated under a new event id (10): both dropped.
            #expect(try await Self.queue(Self.change(available: 9, sequence: 9), bed: bed, outbox: outbox) == [.stale(channel: "shop")])
            #expect(try await Self.queue(Self.change(available: 5, sequence: 10), bed: bed, outbox: outbox) == [.stale(channel: "shop")])
            let deliveries = try await bed.deliveries(subscriptionID: feed.subscriptionID)
            #expect(deliveries.count == 1)
            let body = try await bed.pool.query("SELECT body FROM webhook_deliveries").first?.decode(String.self, at: 0)
            #expect(body?.contains(#""sequence":10"#) == true)
            let metrics = registry.emitToString()
            #expect(metrics.contains("shipments_channel_feed_levels_stale_total 2"), "\(metrics)")
            #expect(metrics.contains("shipments_channel_feed_levels_queued_total 1"), "\(metrics)")
            // A newer one is sent again.
            #expect(try await Self.queue(Self.change(available: 4, sequence: 11), bed: bed, outbox: outbox).count == 1)
            #expect(try await bed.deliveries(subscriptionID: feed.subscriptionID).count == 2)
        }
    }

    @Test func theSameEventQueuedTwiceQueuesOneDelivery() async throws {
        try await WebhookTestBed.with("cf_stock_again") { bed in
            let feed = try await Self.feed(bed: bed)
            let change = Self.change(available: 7, sequence: 3)
            try await Self.queue(change, eventID: "evt-1", bed: bed)
            #expect(try await Self.queue(change, eventID: "evt-1", bed: bed) == [.stale(channel: "shop")])
            #expect(try await bed.deliveries(subscriptionID: feed.subscriptionID).count == 1)
        }
    }

    @Test func aNewerLevelSupersedesAnOlderOneStillPendingWhichCannotBeSentAgain() async throws {
        try await WebhookTestBed.with("cf_stock_supersede") { bed in
            let feed = try await Self.feed(bed: bed)
            try await Self.queue(Self.change(available: 5, sequence: 1), eventID: "evt-1", bed: bed)
            try await Self.queue(Self.change(sku: "NUT", available: 50, sequence: 1), eventID: "evt-nut", bed: bed)
            try await Self.queue(Self.change(available: 4, sequence: 2), eventID: "evt-2", bed: bed)
            let deliveries = Dictionary(uniqueKeysWithValues: try await bed.deliveries(subscriptionID: feed.subscriptionID).map { ($0.eventID, $0) })
            #expect(deliveries["evt-1"]?.status == .failed)
            #expect(deliveries["evt-1"]?.lastError == "superseded by event evt-2")
            #expect(deliveries["evt-2"]?.status == .pending)
            // Another SKU's level is another state: untouched.
            #expect(deliveries["evt-nut"]?.status == .pending)
            let superseded = try #require(deliveries["evt-1"])
            try await bed.withAPI { api in
                let redelivery = try await api.post("/v1/webhook-deliveries/\(superseded.id)/redeliver", json: "")
                #expect(redelivery.status == 409)
                #expect(try redelivery.problem().type == "urn:wholesail:problem:webhook-delivery-superseded")
            }
        }
    }

    @Test func anUnmappedSKUOrWarehouseQueuesNothing() async throws {
        try await WebhookTestBed.with("cf_stock_unmapped") { bed in
            let feed = try await Self.feed(bed: bed)
            let registry = PrometheusCollectorRegistry()
            let outbox = ChannelFeedOutbox(metricsFactory: PrometheusMetricsFactory(registry: registry))
            #expect(try await Self.queue(Self.change(sku: "WASHER", available: 3, sequence: 1), bed: bed, outbox: outbox) == [.unmapped(channel: "shop")])
            #expect(try await Self.queue(Self.change(warehouse: "MUC", available: 3, sequence: 1), bed: bed, outbox: outbox) == [.unmapped(channel: "shop")])
            #expect(try await bed.deliveries(subscriptionID: feed.subscriptionID).isEmpty)
            // Nothing recorded as sent: once mapped, the next change goes out whatever its sequence.
            #expect(try await bed.pool.query("SELECT count(*) FROM channel_feed_stock_sequences").first?.decode(Int.self, at: 0) == 0)
            let metrics = registry.emitToString()
            #expect(metrics.contains(#"shipments_channel_feed_levels_unmapped_total{missing="sku"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"shipments_channel_feed_levels_unmapped_total{missing="warehouse"} 1"#), "\(metrics)")
        }
    }

    @Test func aFeedWithoutInventoryGetsNoLevelsAndEachChannelKeepsItsOwnSequence() async throws {
        try await WebhookTestBed.with("cf_stock_channels") { bed in
            let fulfillmentOnly = try await Self.feed("edi", feeds: [.fulfillment], bed: bed)
            let first = try await Self.feed("shop", bed: bed)
            try await Self.queue(Self.change(available: 7, sequence: 3), bed: bed)
            // A feed set up later hears of the next change (no back-fill of the earlier one).
            let second = try await Self.feed("shop-eu", feeds: [.inventory], bed: bed)
            #expect(try await bed.deliveries(subscriptionID: second.subscriptionID).isEmpty)
            let outcomes = try await Self.queue(Self.change(available: 6, sequence: 4), bed: bed)
            #expect(outcomes.count == 2)
            #expect(try await bed.deliveries(subscriptionID: first.subscriptionID).count == 2)
            #expect(try await bed.deliveries(subscriptionID: second.subscriptionID).count == 1)
            #expect(try await bed.deliveries(subscriptionID: fulfillmentOnly.subscriptionID).isEmpty)
        }
    }
}
