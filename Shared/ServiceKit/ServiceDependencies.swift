import Logging
import Outbox
import Persistence
import Prometheus

/// What a service's routes get to do their work: the database, the outbox for the events they cause, a logger,
/// and the metrics factory for their business KPIs (reported by `/metrics`).
public struct ServiceDependencies: Sendable {
    /// The service's name, also its schema.
    public let service: String
    public let configuration: ServiceConfiguration
    public let pool: PostgresPool
    /// Appends events to the service's outbox inside a transaction of `pool`.
    public let outbox: OutboxWriter
    public let logger: Logger
    /// Hand it to `Counter(label:dimensions:factory:)` and friends.
    public let metricsFactory: PrometheusMetricsFactory

    public init(
        service: String,
        configuration: ServiceConfiguration,
        pool: PostgresPool,
        outbox: OutboxWriter,
        logger: Logger,
        metricsFactory: PrometheusMetricsFactory
    ) {
        self.service = service
        self.configuration = configuration
        self.pool = pool
        self.outbox = outbox
        self.logger = logger
        self.metricsFactory = metricsFactory
    }
}
