import Metrics
import ServiceKit
import Synchronization

/// Holds the service's one ``WebhookDispatcher``: the routes (which wake it after a re-send) and the background
/// services (which run it) are built by separate closures from the same dependencies, and must share it.
final class WebhookDispatcherSlot: Sendable {
    private let dispatcher = Mutex<WebhookDispatcher?>(nil)

    func make(_ dependencies: ServiceDependencies, configuration: ShipmentsConfiguration, metricsFactory: any MetricsFactory) -> WebhookDispatcher {
        dispatcher.withLock { slot in
            if let existing = slot { return existing }
            let created = WebhookDispatcher(pool: dependencies.pool, database: dependencies.configuration.database, configuration: configuration,
                                            logger: dependencies.logger, metricsFactory: metricsFactory)
            slot = created
            return created
        }
    }
}
