import Foundation
import Persistence
@testable import Shipments
import Testing
import WholesailTestSupport

/// Old delivered and failed deliveries are deleted after the retention; pending ones never are.
@Suite("Webhook retention", .timeLimit(.minutes(2)))
struct WebhookRetentionTests {
    @Test func deliveriesPastTheRetentionAreDeletedButPendingOnesAndRecentOnesStay() async throws {
        var configuration = WebhookTestBed.fastConfiguration
        configuration.webhookRetention = .seconds(86_400)
        configuration.webhookPurgeInterval = .milliseconds(100)
        // Nothing is ever due: the deliveries stay as this test leaves them, except for the purge.
        try await WebhookTestBed.with("wh_retention", configuration: configuration) { bed in
            let subscription = try await bed.subscribe(url: "http://127.0.0.1:9/never")
            for event in ["old-delivered", "old-failed", "recent-delivered", "old-pending"] {
                _ = try await bed.enqueue(eventID: event, body: #"{"id": "\#(event)"}"#)
            }
            _ = try await bed.pool.execute(
                """
                UPDATE webhook_deliveries SET
                    status = CASE event_id WHEN 'old-pending' THEN 'pending' WHEN 'old-failed' THEN 'failed' ELSE 'delivered' END,
                    delivered_at = CASE WHEN event_id LIKE '%delivered' THEN now() - CASE WHEN event_id LIKE 'old%' THEN interval '40 days' ELSE interval '1 hour' END END,
                    last_attempt_at = now() - CASE WHEN event_id LIKE 'old%' THEN interval '40 days' ELSE interval '1 hour' END,
                    created_at = now() - interval '41 days',
                    next_attempt_at = now() + interval '1 day'
                WHERE subscription_id = $1
                """,
                subscription
            )
            try await bed.withDispatcher { _ in
                let purged = try await eventually(timeout: .seconds(10)) {
                    try await bed.deliveries(subscriptionID: subscription).count == 2
                }
                #expect(purged)
            }
            let left = try await bed.deliveries(subscriptionID: subscription).map(\.eventID).sorted()
            #expect(left == ["old-pending", "recent-delivered"])
        }
    }
}
