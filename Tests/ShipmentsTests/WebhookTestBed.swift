import Foundation
import Logging
import Metrics
import Persistence
import Prometheus
import ServiceKit
@testable import Shipments
import WholesailTestSupport

/// A schema of its own with the shipments tables, for webhook tests against the real PostgreSQL; optionally a
/// running ``WebhookDispatcher`` with fast retries.
struct WebhookTestBed: Sendable {
    let schema: PostgresTestSchema
    let configuration: ShipmentsConfiguration

    var pool: PostgresPool { schema.pool }

    /// Retries after 50, 100, 200, 200, … ms; attempts time out after 2 s; a retry period of 30 s.
    static var fastConfiguration: ShipmentsConfiguration {
        var configuration = ShipmentsConfiguration()
        configuration.webhookRetryInitial = .milliseconds(50)
        configuration.webhookRetryMaximum = .milliseconds(200)
        configuration.webhookRetryPeriod = .seconds(30)
        configuration.webhookTimeout = .seconds(2)
        configuration.webhookPollInterval = .milliseconds(200)
        configuration.webhookConcurrency = 8
        return configuration
    }

    static func with<Value>(
        _ label: String,
        configuration: ShipmentsConfiguration = fastConfiguration,
        _ body: (WebhookTestBed) async throws -> Value
    ) async throws -> Value {
        try await PostgresTestEnvironment.withSchema(label, maximumConnections: 6) { schema in
            try await Migrator(schema: schema.name).migrate(try ShipmentsService.migrations(), on: schema.pool)
            return try await body(WebhookTestBed(schema: schema, configuration: configuration))
        }
    }

    /// Runs a dispatcher over this schema for the length of `body`, then shuts it down gracefully.
    func withDispatcher<Value>(
        metrics registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        _ body: (WebhookDispatcher) async throws -> Value
    ) async throws -> Value {
        let dispatcher = WebhookDispatcher(
            pool: pool, database: schema.configuration, configuration: configuration, logger: testLogger("webhook-dispatcher"),
            metricsFactory: PrometheusMetricsFactory(registry: registry)
        )
        let running = RunningServices([dispatcher], logger: testLogger("webhook-dispatcher"))
        let outcome: Result<Value, any Error>
        do {
            outcome = .success(try await body(dispatcher))
        } catch {
            outcome = .failure(error)
        }
        try await running.stop()
        return try outcome.get()
    }

    /// Serves ``WebhookRoutes`` and ``ChannelFeedRoutes`` over this schema (with the service's middleware: problem+json, 405s) on a free port
    /// for the length of `body`.
    func withAPI<Value>(wake: @escaping @Sendable () -> Void = {}, _ body: (HTTPTestClient) async throws -> Value) async throws -> Value {
        let routes = WebhookRoutes(pool: pool, configuration: configuration, wake: wake)
        let feeds = ChannelFeedRoutes(pool: pool)
        let server = ServiceHTTPServer(
            name: "webhooks-test", configuration: ServiceHTTPServer.Configuration(host: "127.0.0.1", port: 0), logger: testLogger("webhook-api"),
            metricsRegistry: PrometheusCollectorRegistry(), readinessChecks: [], routes: { router in
                routes.register(on: router)
                feeds.register(on: router)
            }
        )
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = try server.makeApplication { port in
            continuation.yield(port)
            continuation.finish()
        }
        let running = RunningServices([application], logger: testLogger("webhook-api"))
        let outcome: Result<Value, any Error>
        do {
            outcome = .success(try await body(HTTPTestClient(port: try await WebhookReceiver.firstPort(of: ports, within: .seconds(10)))))
        } catch {
            outcome = .failure(error)
        }
        try await running.stop()
        return try outcome.get()
    }

    /// A new active subscription; returns its id.
    func subscribe(url: String, eventTypes: [String] = ["*"], secret: String = WebhookTestBed.secret) async throws -> String {
        try await WebhookSubscriptionStore().create(url: url, eventTypes: eventTypes, secret: secret, on: pool).id
    }

    static let secret = "whsec-test-0123456789abcdef"

    /// Queues `body` as event `eventID` in a transaction of its own; returns the deliveries queued.
    @discardableResult
    func enqueue(eventID: String = UUID().uuidString.lowercased(), eventType: String = "shipments.shipment.dispatched.v1", body: String) async throws -> Int {
        try await pool.transaction { transaction in
            try await WebhookOutbox().enqueue(eventID: eventID, eventType: eventType, body: Data(body.utf8), in: transaction)
        }
    }

    /// The deliveries of one subscription, oldest first.
    func deliveries(subscriptionID: String) async throws -> [WebhookDelivery] {
        try await pool.query(
            "SELECT \(WebhookDeliveryStore.deliveryColumns) FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY created_at, id", subscriptionID
        ).map(WebhookDeliveryStore.delivery(from:))
    }

    /// The only delivery of one subscription.
    func onlyDelivery(subscriptionID: String) async throws -> WebhookDelivery {
        let deliveries = try await deliveries(subscriptionID: subscriptionID)
        guard deliveries.count == 1, let delivery = deliveries.first else {
            throw TestFailure("expected one delivery for \(subscriptionID), found \(deliveries.count)")
        }
        return delivery
    }

    /// Polls until the subscription's only delivery has `status` (or the timeout passes); returns it either way.
    func waitForDelivery(subscriptionID: String, status: WebhookDeliveryStatus, timeout: Duration = .seconds(20)) async throws -> WebhookDelivery {
        _ = try await eventually(timeout: timeout) {
            try await onlyDelivery(subscriptionID: subscriptionID).status == status
        }
        return try await onlyDelivery(subscriptionID: subscriptionID)
    }
}
