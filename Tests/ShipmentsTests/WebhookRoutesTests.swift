import Contracts
import Foundation
import ServiceKit
@testable import Shipments
import Testing
import WholesailTestSupport

/// The webhook API over HTTP, against the real PostgreSQL.
@Suite("Webhook routes", .timeLimit(.minutes(2)))
struct WebhookRoutesTests {
    static let validBody = #"{"url": "https://shop.example/hooks/wholesail", "eventTypes": ["shipments.shipment.dispatched.v1", "shipments.shipment.delivered.v1"], "secret": "s3cr3t-0123456789abcdef"}"#

    @Test func aSubscriptionIsCreatedAndShownWithoutItsSecret() async throws {
        try await WebhookTestBed.with("wh_api_create") { bed in
            try await bed.withAPI { api in
                let created = try await api.post("/v1/webhook-subscriptions", json: Self.validBody)
                #expect(created.status == 201)
                #expect(!created.text.contains("s3cr3t"))
                let subscription = try StableJSON.decode(WebhookSubscription.self, from: created.body)
                #expect(subscription.id.hasPrefix("whs_") && subscription.id.count == 36)
                #expect(subscription.url == "https://shop.example/hooks/wholesail")
                #expect(subscription.eventTypes == ["shipments.shipment.dispatched.v1", "shipments.shipment.delivered.v1"])
                #expect(subscription.active)
                #expect(created.header("Location") == "/v1/webhook-subscriptions/\(subscription.id)")

                let shown = try await api.get("/v1/webhook-subscriptions/\(subscription.id)")
                #expect(shown.status == 200 && !shown.text.contains("s3cr3t"))
                #expect(try StableJSON.decode(WebhookSubscription.self, from: shown.body) == subscription)
                let listed = try await api.get("/v1/webhook-subscriptions")
                #expect(!listed.text.contains("s3cr3t"))
                #expect(try StableJSON.decode(WebhookSubscriptionPage.self, from: listed.body).subscriptions == [subscription])
                // The secret is stored, for signing.
                #expect(try await bed.pool.query("SELECT secret FROM webhook_subscriptions").first?.decode(String.self, at: 0) == "s3cr3t-0123456789abcdef")
            }
        }
    }

    @Test func anInvalidSubscriptionIsRefusedWithEveryInvalidFieldAndNothingIsStored() async throws {
        try await WebhookTestBed.with("wh_api_invalid") { bed in
            try await bed.withAPI { api in
                let response = try await api.post("/v1/webhook-subscriptions", json: #"{"url": "ftp://files.example/x", "eventTypes": ["shipments.shipment.dispatched.v1", "orders.order.received.v1", "shipments.shipment.dispatched.v1"], "secret": "short"}"#)
                #expect(response.status == 422)
                #expect(response.header("Content-Type") == "application/problem+json")
                let problem = try response.problem()
                #expect(problem.type == "urn:wholesail:problem:validation-failed")
                #expect(problem.errors.map(\.pointer) == ["/url", "/eventTypes/1", "/eventTypes/2", "/secret"])

                let missing = try await api.post("/v1/webhook-subscriptions", json: "{}")
                #expect(missing.status == 422)
                #expect(try missing.problem().errors.map(\.pointer) == ["/url", "/eventTypes", "/secret"])

                let noTypes = #"{"url": "http://127.0.0.1:9/x", "eventTypes": [], "secret": "0123456789abcdef"}"#
                #expect(try await api.post("/v1/webhook-subscriptions", json: noTypes).problem().errors.map(\.pointer) == ["/eventTypes"])
                let relative = #"{"url": "/hooks", "eventTypes": ["*"], "secret": "0123456789abcdef"}"#
                #expect(try await api.post("/v1/webhook-subscriptions", json: relative).problem().errors.map(\.pointer) == ["/url"])
                let wrongShape = try await api.post("/v1/webhook-subscriptions", json: #"{"url": 7, "eventTypes": ["*"], "secret": "0123456789abcdef"}"#)
                #expect(wrongShape.status == 400)

                #expect(try await bed.pool.query("SELECT count(*) FROM webhook_subscriptions").first?.decode(Int.self, at: 0) == 0)
            }
        }
    }

    @Test func removingASubscriptionStopsItAndFailsItsPendingDeliveries() async throws {
        try await WebhookTestBed.with("wh_api_remove") { bed in
            try await bed.withAPI { api in
                let subscription = try StableJSON.decode(WebhookSubscription.self, from: try await api.post("/v1/webhook-subscriptions", json: Self.validBody).body)
                try await bed.enqueue(eventID: "evt-1", body: "{}")
                let removed = try await api.send("DELETE", "/v1/webhook-subscriptions/\(subscription.id)")
                #expect(removed.status == 200)
                #expect(try StableJSON.decode(WebhookSubscription.self, from: removed.body).active == false)
                let delivery = try await bed.onlyDelivery(subscriptionID: subscription.id)
                #expect(delivery.status == .failed && delivery.lastError == "subscription removed")
                // Nothing new is queued for it, and its failed delivery cannot be sent again.
                #expect(try await bed.enqueue(eventID: "evt-2", body: "{}") == 0)
                let redelivery = try await api.post("/v1/webhook-deliveries/\(delivery.id)/redeliver", json: "")
                #expect(redelivery.status == 409)
                #expect(try redelivery.problem().type == "urn:wholesail:problem:webhook-subscription-removed")
                #expect(try await api.send("DELETE", "/v1/webhook-subscriptions/whs_unknown").status == 404)
            }
        }
    }

    @Test func deliveriesAreListedNewestFirstByStatusAndSubscriptionAcrossPages() async throws {
        try await WebhookTestBed.with("wh_api_list") { bed in
            let first = try await bed.subscribe(url: "https://a.example/hooks")
            let second = try await bed.subscribe(url: "https://b.example/hooks")
            for number in 1...5 {
                try await bed.enqueue(eventID: "evt-\(number)", body: "{}")
            }
            try await bed.withAPI { api in
                var eventIDs: [String] = []
                var path = "/v1/webhook-deliveries?subscription=\(first)&status=pending&limit=2"
                var pages = 0
                while true {
                    let response = try await api.get(path)
                    #expect(response.status == 200)
                    let page = try StableJSON.decode(WebhookDeliveryPage.self, from: response.body)
                    #expect(page.deliveries.allSatisfy { $0.subscriptionID == first && $0.status == .pending && $0.nextAttemptAt != nil })
                    eventIDs += page.deliveries.map(\.eventID)
                    pages += 1
                    guard let cursor = page.nextCursor, pages < 10 else { break }
                    path = "/v1/webhook-deliveries?subscription=\(first)&status=pending&limit=2&cursor=\(cursor)"
                }
                #expect(eventIDs == ["evt-5", "evt-4", "evt-3", "evt-2", "evt-1"])
                #expect(pages == 3)
                let all = try StableJSON.decode(WebhookDeliveryPage.self, from: try await api.get("/v1/webhook-deliveries?limit=200").body)
                #expect(all.deliveries.count == 10 && all.nextCursor == nil)
                #expect(Set(all.deliveries.map(\.subscriptionID)) == [first, second])
                #expect(try StableJSON.decode(WebhookDeliveryPage.self, from: try await api.get("/v1/webhook-deliveries?status=delivered").body).deliveries.isEmpty)

                let one = try #require(all.deliveries.first)
                let shown = try await api.get("/v1/webhook-deliveries/\(one.id)")
                #expect(try StableJSON.decode(WebhookDelivery.self, from: shown.body) == one)
            }
        }
    }

    @Test func badQueriesAndUnknownIdsAreProblems() async throws {
        try await WebhookTestBed.with("wh_api_problems") { bed in
            try await bed.withAPI { api in
                let invalid = try await api.get("/v1/webhook-deliveries?status=lost&limit=0&cursor=%21%21&colour=red")
                #expect(invalid.status == 422)
                #expect(try invalid.problem().errors.map(\.pointer).sorted() == ["?colour", "?cursor", "?limit", "?status"])
                let missing = try await api.get("/v1/webhook-deliveries/whd_unknown")
                #expect(missing.status == 404)
                #expect(try missing.problem().type == "urn:wholesail:problem:webhook-delivery-not-found")
                #expect(try await api.post("/v1/webhook-deliveries/whd_unknown/redeliver", json: "").status == 404)
                #expect(try await api.get("/v1/webhook-subscriptions/whs_unknown").status == 404)
            }
        }
    }

    @Test func aPendingDeliveryIsNotRedelivered() async throws {
        try await WebhookTestBed.with("wh_api_pending") { bed in
            let subscription = try await bed.subscribe(url: "https://a.example/hooks")
            try await bed.enqueue(eventID: "evt-1", body: "{}")
            let delivery = try await bed.onlyDelivery(subscriptionID: subscription)
            let woken = Locked(0)
            try await bed.withAPI(wake: { woken.withLock { $0 += 1 } }) { api in
                let response = try await api.post("/v1/webhook-deliveries/\(delivery.id)/redeliver", json: "")
                #expect(response.status == 409)
                #expect(try response.problem().type == "urn:wholesail:problem:webhook-delivery-pending")
            }
            #expect(woken.value == 0)
        }
    }
}
