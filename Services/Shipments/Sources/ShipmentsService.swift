import Foundation
import Logging
import Outbox
import Persistence
import Prometheus
import ServiceKit

/// The shipments service assembled: shipments from confirmed orders, expected returns and channel stock levels
/// (`inventory.stock.changed.v1`) on the broker; milestones, queries, return receipts, webhook subscriptions and
/// channel feeds over HTTP; the webhook dispatcher in the background.
public enum ShipmentsService {
    public static let name = "shipments"

    /// The shipments schema's migrations (after the outbox's).
    public static func migrations() throws(MigrationError) -> [Migration] {
        try Migration.load(bundle: Bundle.module, module: "Shipments")
    }

    /// The service, ready to run or start.
    public static func make(configuration: ServiceConfiguration, shipments: ShipmentsConfiguration, logger: Logger? = nil) throws -> WholesailService {
        let logger = logger ?? Logger(label: name)
        let registry = PrometheusCollectorRegistry()
        let metricsFactory = PrometheusMetricsFactory(registry: registry)
        let webhooks = WebhookOutbox()
        let channelFeeds = ChannelFeedOutbox(webhooks: webhooks, metricsFactory: metricsFactory, logger: logger)
        let store = ShipmentsStore(outbox: try OutboxWriter(schema: configuration.service), webhooks: webhooks, channelFeeds: channelFeeds)
        let dispatchers = WebhookDispatcherSlot()
        var handlers = EventHandlers()
        ShipmentCreator(store: store).register(on: &handlers)
        ChannelStockFeed(outbox: channelFeeds).register(on: &handlers)
        return WholesailService(
            name: configuration.service,
            configuration: configuration,
            migrations: try migrations(),
            handlers: handlers,
            logger: logger,
            metricsRegistry: registry,
            routes: { router, dependencies in
                let dispatcher = dispatchers.make(dependencies, configuration: shipments, metricsFactory: metricsFactory)
                ShipmentsRoutes(store: store, pool: dependencies.pool).register(on: router)
                WebhookRoutes(pool: dependencies.pool, configuration: shipments, wake: { dispatcher.wake() }).register(on: router)
                ChannelFeedRoutes(pool: dependencies.pool).register(on: router)
            },
            backgroundServices: { dependencies in
                [dispatchers.make(dependencies, configuration: shipments, metricsFactory: metricsFactory)]
            }
        )
    }

    /// For `main`: the service from the environment, or one line on standard error and exit status 1.
    public static func loadOrExit(configuration: ServiceConfiguration, environment: EnvironmentReader = EnvironmentReader()) -> WholesailService {
        do {
            return try make(configuration: configuration, shipments: try ShipmentsConfiguration(environment: environment))
        } catch {
            StandardError.exit(service: name, reason: "\(error)")
        }
    }
}
