import Foundation
import Logging
import Outbox
import Persistence
import Prometheus
import ServiceKit

/// The orders service assembled: intake, queries, cancellation and returns over HTTP; the order process manager and
/// the fulfilment timeline on the broker; the step-deadline sweeper and the ERP poster in the background.
public enum OrdersService {
    public static let name = "orders"

    /// The orders schema's migrations (after the outbox's).
    public static func migrations() throws(MigrationError) -> [Migration] {
        try Migration.load(bundle: Bundle.module, module: "Orders")
    }

    /// The service, ready to run or start.
    /// - Parameter connector: where confirmed orders are posted; by default the HTTP ERP at `orders.erpURL`.
    public static func make(
        configuration: ServiceConfiguration, orders: OrdersConfiguration, connector: (any ERPConnector)? = nil, logger: Logger? = nil
    ) throws -> WholesailService {
        let logger = logger ?? Logger(label: name)
        let registry = PrometheusCollectorRegistry()
        let metricsFactory = PrometheusMetricsFactory(registry: registry)
        let store = OrdersStore(outbox: try OutboxWriter(schema: configuration.service))
        let confirmations = WakeSignal()
        let connector = connector ?? HTTPERPConnector(baseURL: orders.erpURL, timeout: orders.erpTimeout)
        let rateLimiter = RateLimiter(ratePerSecond: orders.rateLimitPerSecond, burst: orders.rateBurst)
        var handlers = EventHandlers()
        OrderProcessManager(store: store, configuration: orders, confirmations: confirmations, metricsFactory: metricsFactory).register(on: &handlers)
        FulfilmentTracker(store: store).register(on: &handlers)
        ShopifyWebhookProcessor(shops: ShopifyShops(), store: store, acceptor: ChannelOrderAcceptor(store: store, configuration: orders))
            .register(on: &handlers)
        return WholesailService(
            name: configuration.service,
            configuration: configuration,
            migrations: try migrations(),
            handlers: handlers,
            logger: logger,
            metricsRegistry: registry,
            routes: { router, dependencies in
                OrdersRoutes(
                    store: store, pool: dependencies.pool, configuration: orders,
                    authenticator: APIKeyAuthenticator(pool: dependencies.pool, cacheTTL: orders.apiKeyCacheTTL),
                    rateLimiter: rateLimiter, metricsFactory: metricsFactory
                ).register(on: router)
            },
            backgroundServices: { dependencies in
                [
                    StepDeadlineSweeper(pool: dependencies.pool, store: store, configuration: orders, logger: dependencies.logger),
                    ERPPoster(pool: dependencies.pool, store: store, connector: connector, configuration: orders, wake: confirmations,
                              logger: dependencies.logger, metricsFactory: metricsFactory),
                    EDIDocumentSender(pool: dependencies.pool, configuration: orders, logger: dependencies.logger, metricsFactory: metricsFactory),
                ]
            }
        )
    }

    /// For `main`: the service from the environment, or one line on standard error and exit status 1.
    public static func loadOrExit(configuration: ServiceConfiguration, environment: EnvironmentReader = EnvironmentReader()) -> WholesailService {
        do {
            return try make(configuration: configuration, orders: try OrdersConfiguration(environment: environment))
        } catch {
            StandardError.exit(service: name, reason: "\(error)")
        }
    }
}
