import Foundation
import Logging
import Outbox
import Persistence
import Prometheus
import ServiceKit

/// The inventory service assembled: stock feeds and available-to-promise over HTTP, reservations from
/// `orders.order.received.v1`, releases on rejection, cancellation and expiry.
public enum InventoryService {
    public static let name = "inventory"

    /// The inventory schema's migrations (after the outbox's).
    public static func migrations() throws(MigrationError) -> [Migration] {
        try Migration.load(bundle: Bundle.module, module: "Inventory")
    }

    /// The service, ready to run or start.
    public static func make(configuration: ServiceConfiguration, inventory: InventoryConfiguration, logger: Logger? = nil) throws -> WholesailService {
        let logger = logger ?? Logger(label: name)
        let registry = PrometheusCollectorRegistry()
        let store = InventoryStore(outbox: try OutboxWriter(schema: configuration.service))
        let reserver = Reserver(store: store, holdDuration: inventory.reservationHold, metricsFactory: PrometheusMetricsFactory(registry: registry))
        var handlers = EventHandlers()
        reserver.register(on: &handlers)
        DispatchIssuer(store: store).register(on: &handlers)
        ReturnRestocker(store: store).register(on: &handlers)
        return WholesailService(
            name: configuration.service,
            configuration: configuration,
            migrations: try migrations(),
            handlers: handlers,
            logger: logger,
            metricsRegistry: registry,
            routes: { router, dependencies in
                InventoryRoutes(store: store, pool: dependencies.pool, logger: dependencies.logger).register(on: router)
            },
            backgroundServices: { dependencies in
                [ReservationSweeper(pool: dependencies.pool, reserver: reserver, interval: inventory.sweepInterval, logger: dependencies.logger)]
            }
        )
    }

    /// For `main`: the service from the environment, or one line on standard error and exit status 1.
    public static func loadOrExit(configuration: ServiceConfiguration, environment: EnvironmentReader = EnvironmentReader()) -> WholesailService {
        do {
            return try make(configuration: configuration, inventory: try InventoryConfiguration(environment: environment))
        } catch {
            StandardError.exit(service: name, reason: "\(error)")
        }
    }
}
