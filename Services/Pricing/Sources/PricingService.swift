import Foundation
import Logging
import Outbox
import Persistence
import Prometheus
import ServiceKit

/// The pricing service assembled: price imports and quotes over HTTP, orders priced from
/// `orders.order.received.v1`, and the quote snapshot kept current on every instance.
public enum PricingService {
    public static let name = "pricing"

    /// The pricing schema's migrations (after the outbox's).
    public static func migrations() throws(MigrationError) -> [Migration] {
        try Migration.load(bundle: Bundle.module, module: "Pricing")
    }

    /// The service, ready to run or start.
    public static func make(configuration: ServiceConfiguration, pricing: PricingConfiguration, logger: Logger? = nil) throws -> WholesailService {
        let logger = logger ?? Logger(label: name)
        let registry = PrometheusCollectorRegistry()
        let store = PriceStore(outbox: try OutboxWriter(schema: configuration.service))
        let book = PriceBook(maximumAge: pricing.snapshotMaximumAge)
        let wake = WakeSignal()
        let subscription = PriceVersionSubscription()
        let instance = String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))

        var handlers = EventHandlers()
        OrderPricer(
            store: store, book: book, tolerancePercent: pricing.priceTolerancePercent,
            metricsFactory: PrometheusMetricsFactory(registry: registry)
        ).register(on: &handlers)

        @Sendable func refresher(_ dependencies: ServiceDependencies) -> PriceSnapshotRefresher {
            PriceSnapshotRefresher(pool: dependencies.pool, store: store, book: book, interval: pricing.refreshInterval, wake: wake, logger: dependencies.logger)
        }
        return WholesailService(
            name: configuration.service,
            configuration: configuration,
            migrations: try migrations(),
            handlers: handlers,
            readinessChecks: [PriceSnapshotReadinessCheck(book: book), subscription],
            logger: logger,
            metricsRegistry: registry,
            routes: { router, dependencies in
                PricingRoutes(store: store, book: book, refresher: refresher(dependencies), pool: dependencies.pool, logger: dependencies.logger)
                    .register(on: router)
            },
            backgroundServices: { dependencies in
                [
                    refresher(dependencies),
                    PriceVersionListener(
                        configuration: dependencies.configuration.amqp, exchange: dependencies.configuration.eventsExchange,
                        instance: instance, wake: wake, subscription: subscription, logger: dependencies.logger
                    ),
                ]
            }
        )
    }

    /// For `main`: the service from the environment, or one line on standard error and exit status 1.
    public static func loadOrExit(configuration: ServiceConfiguration, environment: EnvironmentReader = EnvironmentReader()) -> WholesailService {
        do {
            let pricing = try PricingConfiguration(environment: environment)
            return try make(configuration: configuration, pricing: pricing)
        } catch {
            StandardError.exit(service: name, reason: "\(error)")
        }
    }
}
