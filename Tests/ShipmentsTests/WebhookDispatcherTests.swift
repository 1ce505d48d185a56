import Contracts
import Foundation
import Prometheus
@testable import Shipments
import Testing
import WholesailTestSupport

/// Webhook deliveries to real local HTTP receivers, against the real PostgreSQL.
@Suite("Webhook dispatcher", .timeLimit(.minutes(2)))
struct WebhookDispatcherTests {
    static let body = #"{"data":{"shipmentID":"SHP-1","trackingNumber":"1Z999"},"id":"evt-1","type":"shipments.shipment.dispatched.v1"}"#

    @Test func theReceiverVerifiesTheSignatureOverTheRawBodyAndTheTimestampHeader() async throws {
        try await WebhookReceiver.with(answer: { _ in .status(204) }) { receiver in
            try await WebhookTestBed.with("wh_signature") { bed in
                let subscription = try await bed.subscribe(url: receiver.url)
                // Queued before any dispatcher runs: recorded in the schema, so nothing is lost until one starts.
                #expect(try await bed.enqueue(eventID: "evt-1", body: Self.body) == 1)
                let delivery = try await bed.withDispatcher { _ in
                    try await bed.waitForDelivery(subscriptionID: subscription, status: .delivered)
                }
                #expect(delivery.status == .delivered)
                let request = try #require(receiver.requests.first)
                #expect(receiver.requests.count == 1)
                #expect(request.body == Array(Self.body.utf8))
                #expect(request.header("Webhook-Id") == delivery.id)
                #expect(request.header("Webhook-Event-Type") == "shipments.shipment.dispatched.v1")
                #expect(request.header("Content-Type") == "application/json")
                let timestamp = try #require(request.header("Webhook-Timestamp").flatMap { Int64($0) })
                let signature = try #require(request.header("Webhook-Signature"))
                #expect(abs(timestamp - Int64(Date().timeIntervalSince1970)) < 60)
                #expect(WebhookSignature.verify(body: request.body, secret: WebhookTestBed.secret, timestamp: timestamp, signature: signature))
                // What a receiver must refuse: a changed body, another secret, a replay much later.
                var tampered = request.body
                tampered[tampered.count - 2] = UInt8(ascii: "x")
                #expect(!WebhookSignature.verify(body: tampered, secret: WebhookTestBed.secret, timestamp: timestamp, signature: signature))
                #expect(!WebhookSignature.verify(body: request.body, secret: "another-secret-0123456789", timestamp: timestamp, signature: signature))
                #expect(!WebhookSignature.verify(body: request.body, secret: WebhookTestBed.secret, timestamp: timestamp, signature: signature,
                                                 now: Date(timeIntervalSince1970: Double(timestamp + 3600))))
            }
        }
    }

    @Test func aReceiverThatFailsThreeTimesGetsTheEventOnTheFourthAttemptWithTheSameDeliveryIDAndNothingAfter() async throws {
        try await WebhookReceiver.with(answer: { $0 <= 3 ? .status(500) : .status(200) }) { receiver in
            var configuration = WebhookTestBed.fastConfiguration
            // Only the NOTIFY (and the retry schedule) can start the attempts quickly.
            configuration.webhookPollInterval = .seconds(30)
            try await WebhookTestBed.with("wh_fourth", configuration: configuration) { bed in
                let subscription = try await bed.subscribe(url: receiver.url)
                let registry = PrometheusCollectorRegistry()
                let delivery = try await bed.withDispatcher(metrics: registry) { _ in
                    #expect(try await bed.enqueue(eventID: "evt-1", body: Self.body) == 1)
                    let delivery = try await bed.waitForDelivery(subscriptionID: subscription, status: .delivered, timeout: .seconds(15))
                    // No attempt after the 2xx.
                    try await Task.sleep(for: .milliseconds(700))
                    return delivery
                }
                #expect(delivery.status == .delivered)
                #expect(delivery.attempts == 4)
                #expect(delivery.lastStatusCode == 200)
                #expect(delivery.lastError == nil)
                #expect(delivery.deliveredAt != nil && delivery.nextAttemptAt == nil)
                let requests = receiver.requests
                #expect(requests.count == 4)
                #expect(requests.allSatisfy { $0.header("Webhook-Id") == delivery.id })
                #expect(requests.allSatisfy { $0.body == Array(Self.body.utf8) })
                // Spaced by the backoff: 50, 100, 200 ms, each at least 80 % of it (jitter).
                let gaps = zip(requests.dropFirst(), requests).map { $0.arrivedAt - $1.arrivedAt }
                for (gap, backoff) in zip(gaps, [Duration.milliseconds(50), .milliseconds(100), .milliseconds(200)]) {
                    #expect(gap >= backoff * 0.8, "gap \(gap) for a backoff of \(backoff)")
                }
                let metrics = registry.emitToString()
                #expect(metrics.contains("shipments_webhook_attempts_total 4"))
                #expect(metrics.contains("shipments_webhook_deliveries_delivered_total 1"))
                #expect(metrics.contains("shipments_webhook_deliveries_failed_total 0"))
            }
        }
    }

    @Test func aReceiverThatNeverRecoversEndsFailedIsListedAsFailedAndIsDeliveredAfterARedelivery() async throws {
        let recovered = Locked(false)
        try await WebhookReceiver.with(answer: { _ in recovered.value ? .status(200) : .status(503) }) { receiver in
            var configuration = WebhookTestBed.fastConfiguration
            configuration.webhookRetryPeriod = .seconds(3)
            configuration.webhookPollInterval = .seconds(30)
            try await WebhookTestBed.with("wh_failed", configuration: configuration) { bed in
                let subscription = try await bed.subscribe(url: receiver.url)
                try await bed.withDispatcher { dispatcher in
                    try await bed.withAPI(wake: { dispatcher.wake() }) { api in
                        try await bed.enqueue(eventID: "evt-1", body: Self.body)
                        let failed = try await bed.waitForDelivery(subscriptionID: subscription, status: .failed, timeout: .seconds(15))
                        #expect(failed.status == .failed)
                        #expect(failed.lastStatusCode == 503)
                        #expect(failed.lastError?.contains("503") == true)
                        // Retried within the period (50 + 100 + 200 + 200 + … ms ≤ 3 s), then given up. How many attempts fit
                        // depends on the machine's load, so only "more than one" is asserted.
                        #expect(failed.attempts >= 2)
                        let attemptsWhenFailed = receiver.requests.count
                        #expect(attemptsWhenFailed == failed.attempts)

                        let listed = try await api.get("/v1/webhook-deliveries?status=failed")
                        #expect(listed.status == 200)
                        let page = try StableJSON.decode(WebhookDeliveryPage.self, from: listed.body)
                        #expect(page.deliveries.map(\.id) == [failed.id])
                        #expect(page.deliveries.first?.status == .failed)
                        #expect(page.deliveries.first?.lastStatusCode == 503)
                        #expect(try StableJSON.decode(WebhookDeliveryPage.self, from: try await api.get("/v1/webhook-deliveries?status=pending").body).deliveries.isEmpty)

                        // Failed stays failed: no more attempts by themselves.
                        try await Task.sleep(for: .milliseconds(400))
                        #expect(receiver.requests.count == attemptsWhenFailed)

                        recovered.withLock { $0 = true }
                        let redelivered = try await api.post("/v1/webhook-deliveries/\(failed.id)/redeliver", json: "")
                        #expect(redelivered.status == 202)
                        let queued = try StableJSON.decode(WebhookDelivery.self, from: redelivered.body)
                        #expect(queued.status == .pending && queued.attempts == failed.attempts && queued.firstAttemptAt == nil)

                        let delivered = try await bed.waitForDelivery(subscriptionID: subscription, status: .delivered, timeout: .seconds(10))
                        #expect(delivered.status == .delivered)
                        #expect(delivered.attempts == failed.attempts + 1)
                        #expect(receiver.requests.count == attemptsWhenFailed + 1)
                        #expect(receiver.requests.allSatisfy { $0.header("Webhook-Id") == failed.id })
                        #expect(try StableJSON.decode(WebhookDeliveryPage.self, from: try await api.get("/v1/webhook-deliveries?status=failed").body).deliveries.isEmpty)
                    }
                }
            }
        }
    }

    @Test func aHungReceiverDoesNotDelayAHealthyOne() async throws {
        try await WebhookReceiver.with(answer: { _ in .hang }) { hung in
            try await WebhookReceiver.with(answer: { _ in .status(200) }) { healthy in
                var configuration = WebhookTestBed.fastConfiguration
                configuration.webhookTimeout = .seconds(10)
                try await WebhookTestBed.with("wh_hung", configuration: configuration) { bed in
                    // The hung subscriber is older: it is served first.
                    let hungSubscription = try await bed.subscribe(url: hung.url)
                    let healthySubscription = try await bed.subscribe(url: healthy.url)
                    try await bed.withDispatcher { _ in
                        let started = ContinuousClock.now
                        for number in 1...3 {
                            #expect(try await bed.enqueue(eventID: "evt-\(number)", body: #"{"n":\#(number)}"#) == 2)
                        }
                        #expect(try await eventually(timeout: .seconds(10)) {
                            try await bed.deliveries(subscriptionID: healthySubscription).allSatisfy { $0.status == .delivered }
                        })
                        // Before the hung attempt's timeout freed anything: the healthy subscriber never waited for it.
                        let elapsed = ContinuousClock.now - started
                        #expect(elapsed < configuration.webhookTimeout, "the healthy receiver got its events after \(elapsed), the hung one's timeout is 10 s")
                        #expect(healthy.requests.map { String(decoding: $0.body, as: UTF8.self) } == [#"{"n":1}"#, #"{"n":2}"#, #"{"n":3}"#])
                        // The hung subscriber holds one attempt; its other deliveries wait their turn.
                        #expect(hung.requests.count == 1)
                        let hungDeliveries = try await bed.deliveries(subscriptionID: hungSubscription)
                        #expect(hungDeliveries.count == 3 && hungDeliveries.allSatisfy { $0.status == .pending && $0.attempts == 0 })
                        hung.release()
                    }
                }
            }
        }
    }

    @Test func aSubscriberGetsOneAttemptAtATimeOldestFirst() async throws {
        try await WebhookReceiver.with(answer: { _ in .slow(.milliseconds(100), 200) }) { receiver in
            try await WebhookTestBed.with("wh_serial") { bed in
                let subscription = try await bed.subscribe(url: receiver.url)
                for number in 1...5 {
                    try await bed.enqueue(eventID: "evt-\(number)", body: #"{"n":\#(number)}"#)
                }
                let allDelivered = try await bed.withDispatcher { _ in
                    try await eventually(timeout: .seconds(10)) {
                        try await bed.deliveries(subscriptionID: subscription).allSatisfy { $0.status == .delivered }
                    }
                }
                #expect(allDelivered)
                #expect(receiver.mostConcurrentRequests == 1)
                #expect(receiver.requests.map { String(decoding: $0.body, as: UTF8.self) } == (1...5).map { #"{"n":\#($0)}"# })
            }
        }
    }

    @Test func aDeliveryClaimedByAProcessThatDiedIsSentAgainWhenItsLeaseEnds() async throws {
        try await WebhookReceiver.with(answer: { _ in .status(200) }) { receiver in
            try await WebhookTestBed.with("wh_lease") { bed in
                let subscription = try await bed.subscribe(url: receiver.url)
                try await bed.enqueue(eventID: "evt-1", body: Self.body)
                // Another process claimed it (a lease of 1 s) and died mid-attempt.
                let claims = try await WebhookDeliveryStore().claim(excluding: [], limit: 10, lease: .seconds(1), on: bed.pool)
                #expect(claims.count == 1)
                let started = ContinuousClock.now
                try await bed.withDispatcher { _ in
                    // Leased: not sent while the claim holds.
                    try await Task.sleep(for: .milliseconds(500))
                    #expect(receiver.requests.isEmpty)
                    let delivery = try await bed.waitForDelivery(subscriptionID: subscription, status: .delivered, timeout: .seconds(10))
                    #expect(delivery.status == .delivered)
                    #expect(ContinuousClock.now - started >= .milliseconds(900))
                }
                #expect(receiver.requests.count == 1)
            }
        }
    }

    @Test func aRedirectIsNotFollowedAndCountsAsAFailedAttempt() async throws {
        try await WebhookReceiver.with(answer: { _ in .status(200) }) { target in
            let targetURL = target.url
            try await WebhookReceiver.with(answer: { _ in .redirect(to: targetURL) }) { redirecting in
                try await WebhookTestBed.with("wh_redirect") { bed in
                    let subscription = try await bed.subscribe(url: redirecting.url)
                    try await bed.enqueue(eventID: "evt-1", body: Self.body)
                    let retried = try await bed.withDispatcher { _ in
                        try await eventually(timeout: .seconds(10)) {
                            try await bed.onlyDelivery(subscriptionID: subscription).attempts >= 2
                        }
                    }
                    #expect(retried)
                    let delivery = try await bed.onlyDelivery(subscriptionID: subscription)
                    #expect(delivery.status == .pending)
                    #expect(delivery.lastStatusCode == 307)
                    #expect(target.requests.isEmpty)
                }
            }
        }
    }

    @Test func nothingPendingMeansNothingComesDueSoTheDispatcherWaitsItsPollInterval() async throws {
        try await WebhookTestBed.with("wh_idle_due") { bed in
            let store = WebhookDeliveryStore()
            // No deliveries at all: nil (poll), never "due now" — a zero here made an idle dispatcher look every 10 ms.
            #expect(try await store.untilNextDue(excluding: [], on: bed.pool) == nil)
            let subscription = try await bed.subscribe(url: "http://127.0.0.1:9/unused")
            try await bed.enqueue(eventID: "evt-due", body: Self.body)
            #expect(try await store.untilNextDue(excluding: [], on: bed.pool) == .zero)
            // Busy subscriptions are left out: again nothing due.
            #expect(try await store.untilNextDue(excluding: [subscription], on: bed.pool) == nil)
            _ = try await bed.pool.execute("UPDATE webhook_deliveries SET next_attempt_at = now() + interval '1 hour'")
            let later = try #require(try await store.untilNextDue(excluding: [], on: bed.pool))
            #expect(later > .seconds(3500) && later <= .seconds(3600))
        }
    }
}
