import Foundation
import Persistence
@testable import Shipments
import Testing
import WholesailTestSupport

/// Queuing an event for webhook delivery, against the real PostgreSQL.
@Suite("Webhook outbox", .timeLimit(.minutes(2)))
struct WebhookOutboxTests {
    @Test func anEventIsQueuedOnlyForActiveSubscriptionsThatWantItsType() async throws {
        try await WebhookTestBed.with("wh_outbox_match") { bed in
            let dispatched = try await bed.subscribe(url: "https://a.example/hooks", eventTypes: ["shipments.shipment.dispatched.v1"])
            let everything = try await bed.subscribe(url: "https://b.example/hooks", eventTypes: ["*"])
            let deliveredOnly = try await bed.subscribe(url: "https://c.example/hooks", eventTypes: ["shipments.shipment.delivered.v1"])
            let removed = try await bed.subscribe(url: "https://d.example/hooks", eventTypes: ["shipments.shipment.dispatched.v1"])
            _ = try await WebhookSubscriptionStore().deactivate(id: removed, on: bed.pool)

            let body = #"{"id":"evt-1","type":"shipments.shipment.dispatched.v1"}"#
            #expect(try await bed.enqueue(eventID: "evt-1", eventType: "shipments.shipment.dispatched.v1", body: body) == 2)

            let rows = try await bed.pool.query("SELECT subscription_id, event_id, event_type, body, status, attempts, id FROM webhook_deliveries ORDER BY subscription_id")
            #expect(Set(try rows.map { try $0.decode(String.self, at: 0) }) == [dispatched, everything])
            for row in rows {
                #expect(try row.decode(String.self, at: 1) == "evt-1")
                #expect(try row.decode(String.self, at: 2) == "shipments.shipment.dispatched.v1")
                #expect(try row.decode(String.self, at: 3) == body)
                #expect(try row.decode(String.self, at: 4) == "pending")
                #expect(try row.decode(Int.self, at: 5) == 0)
                #expect(try row.decode(String.self, at: 6).hasPrefix("whd_"))
            }
            #expect(try await bed.deliveries(subscriptionID: deliveredOnly).isEmpty)
            #expect(try await bed.deliveries(subscriptionID: removed).isEmpty)
        }
    }

    @Test func queuingTheSameEventAgainQueuesNothing() async throws {
        try await WebhookTestBed.with("wh_outbox_again") { bed in
            _ = try await bed.subscribe(url: "https://a.example/hooks")
            _ = try await bed.subscribe(url: "https://b.example/hooks")
            #expect(try await bed.enqueue(eventID: "evt-1", body: "{}") == 2)
            #expect(try await bed.enqueue(eventID: "evt-1", body: "{}") == 0)
            #expect(try await bed.pool.query("SELECT count(*) FROM webhook_deliveries").first?.decode(Int.self, at: 0) == 2)
        }
    }

    @Test func theBodyIsStoredByteForByte() async throws {
        try await WebhookTestBed.with("wh_outbox_bytes") { bed in
            let subscription = try await bed.subscribe(url: "https://a.example/hooks")
            // Spacing, key order, escapes and non-ASCII text are kept exactly: these bytes are signed.
            let body = "{ \"b\":1,\"a\" : \"Zürich \\u00e9 ✓\"\n}"
            try await bed.enqueue(eventID: "evt-1", body: body)
            let stored = try await bed.pool.query("SELECT body FROM webhook_deliveries WHERE subscription_id = $1", subscription).first?.decode(String.self, at: 0)
            #expect(stored.map { Array($0.utf8) } == Array(body.utf8))
        }
    }

    @Test func aBodyThatIsNotTextIsRefusedAndNothingIsQueued() async throws {
        try await WebhookTestBed.with("wh_outbox_binary") { bed in
            _ = try await bed.subscribe(url: "https://a.example/hooks")
            await #expect(throws: WebhookOutboxError.bodyNotText(eventID: "evt-1")) {
                try await bed.pool.transaction { transaction in
                    try await WebhookOutbox().enqueue(eventID: "evt-1", eventType: "shipments.shipment.dispatched.v1", body: Data([0xFF, 0xFE]), in: transaction)
                }
            }
            #expect(try await bed.pool.query("SELECT count(*) FROM webhook_deliveries").first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func deliveriesQueuedInARolledBackTransactionAreGone() async throws {
        try await WebhookTestBed.with("wh_outbox_rollback") { bed in
            _ = try await bed.subscribe(url: "https://a.example/hooks")
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await bed.pool.transaction { transaction in
                    #expect(try await WebhookOutbox().enqueue(eventID: "evt-1", eventType: "shipments.shipment.created.v1", body: Data("{}".utf8), in: transaction) == 1)
                    throw Abort()
                }
            }
            #expect(try await bed.pool.query("SELECT count(*) FROM webhook_deliveries").first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func aCommittedEnqueueNotifiesTheSchemasWebhookChannel() async throws {
        try await WebhookTestBed.with("wh_outbox_notify") { bed in
            _ = try await bed.subscribe(url: "https://a.example/hooks")
            let channel = WebhookOutbox.notificationChannel(schema: bed.schema.name)
            let listener = try await PostgresNotificationListener.start(configuration: bed.schema.configuration, channels: [channel])
            try await bed.enqueue(eventID: "evt-1", body: "{}")
            let notified = await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    for await event in listener.events {
                        if case .notification(let notification) = event, notification.channel == channel { return true }
                    }
                    return false
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(10))
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            await listener.close()
            #expect(notified)
        }
    }
}
