import Logging
import Messaging
import Outbox
import Persistence
import Prometheus
import ServiceLifecycle

/// A Wholesail service assembled from its parts: what every service's `main` runs.
///
/// ```swift
/// let configuration = ServiceConfiguration.loadOrExit(service: "orders")
/// StructuredLogHandler.bootstrap(level: configuration.logLevel)
/// await WholesailService(name: "orders", configuration: configuration, migrations: migrations, handlers: handlers) { router, dependencies in
///     OrderRoutes(dependencies).register(on: router)
/// }.runOrExit()
/// ```
///
/// Running it:
/// 1. creates the ``PostgresPool`` and two ``AMQPConnection``s (`<service>-publish`, and `<service>-consume` when
///    there are handlers) that keep reconnecting in the background;
/// 2. starts HTTP at once: `/health/live` answers, `/health/ready` reports "startup" until start-up is done, and
///    the service's routes answer 503 until then;
/// 3. applies `OutboxMigrations.all() + migrations` to the schema named like the service — waiting, with backoff
///    and a log line per attempt, while PostgreSQL is unreachable — and declares the service's topology (waiting
///    likewise for RabbitMQ);
/// 4. then runs the ``OutboxRelay`` and, when there are handlers, the ``EventConsumer``.
///
/// On SIGTERM or SIGINT it shuts down gracefully, in order: the HTTP server (no new requests; in-flight ones
/// finish), the consumer (stops consuming, finishes the messages it holds), the relay (publishes what is left),
/// all within ``ServiceConfiguration/shutdownTimeout``; then it closes the AMQP connections and the pool.
public struct WholesailService: Sendable {
    public let name: String
    public let configuration: ServiceConfiguration
    public let migrations: [Migration]
    public let handlers: EventHandlers
    public let readinessChecks: [any ReadinessCheck]
    public let logger: Logger
    /// The registry `/metrics` renders; the relay, consumer, HTTP middleware and routes all report into it.
    public let metricsRegistry: PrometheusCollectorRegistry
    private let routes: @Sendable (ServiceRouter, ServiceDependencies) throws -> Void
    private let backgroundServices: @Sendable (ServiceDependencies) throws -> [any Service]

    /// - Parameters:
    ///   - name: the service's name: its schema, queue prefix and connection names; must equal
    ///     `configuration.service`.
    ///   - migrations: the service's own migrations, applied after the outbox's.
    ///   - handlers: its event handlers; none means no consumer (a publish-only service).
    ///   - readinessChecks: checks beyond the built-in start-up, database and broker checks.
    ///   - logger: defaults to `Logger(label: name)` (structured JSON once ``StructuredLogHandler/bootstrap(level:metadataProvider:)`` ran).
    ///   - metricsRegistry: pass one in when handlers need its metrics factory before the service exists.
    ///   - backgroundServices: the service's own long-running work (caches, schedulers); they start once the
    ///     database migrations are applied and stop before the relay on shutdown.
    ///   - routes: registers the service's routes.
    public init(
        name: String,
        configuration: ServiceConfiguration,
        migrations: [Migration] = [],
        handlers: EventHandlers = EventHandlers(),
        readinessChecks: [any ReadinessCheck] = [],
        logger: Logger? = nil,
        metricsRegistry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        routes: @escaping @Sendable (ServiceRouter, ServiceDependencies) throws -> Void = { _, _ in },
        backgroundServices: @escaping @Sendable (ServiceDependencies) throws -> [any Service] = { _ in [] }
    ) {
        self.name = name
        self.configuration = configuration
        self.migrations = migrations
        self.handlers = handlers
        self.readinessChecks = readinessChecks
        self.logger = logger ?? Logger(label: name)
        self.metricsRegistry = metricsRegistry
        self.routes = routes
        self.backgroundServices = backgroundServices
    }

    /// Runs until SIGTERM or SIGINT, then shuts down gracefully and returns.
    /// - Throws: when start-up fails for a reason waiting cannot fix (invalid migration, routes that throw), or
    ///   a part fails while running.
    public func run() async throws {
        try await assemble(handlingSignals: true).run()
    }

    /// ``run()`` for a `main`: on failure logs it, writes one line to standard error and exits with status 1.
    public func runOrExit() async {
        do {
            try await run()
        } catch {
            logger.critical("service stopped because of an error", metadata: ["error": "\(error)"])
            StandardError.exit(service: name, reason: "\(error)")
        }
    }

    /// Starts the service in this process without signal handling — for tests and embedding. Stop it with
    /// ``RunningService/shutdown()``.
    public func start() throws -> RunningService {
        let assembly = try assemble(handlingSignals: false)
        return RunningService(name: name, assembly: assembly)
    }

    // MARK: Assembly

    /// - Parameter handlingSignals: shut down gracefully on SIGTERM and SIGINT (mains), or only when told (tests).
    func assemble(handlingSignals: Bool) throws -> ServiceAssembly {
        guard name == configuration.service else {
            throw ConfigurationError(
                variable: "service name", value: name,
                expected: "the name the configuration was read for (\(configuration.service))"
            )
        }
        let metricsFactory = PrometheusMetricsFactory(registry: metricsRegistry)
        let outbox = try OutboxWriter(schema: name)
        let allMigrations = try OutboxMigrations.all() + migrations
        let serviceTopology = ServiceTopology(
            service: name,
            bindingKeys: handlers.eventTypes,
            retryDelays: configuration.retryDelays,
            deliveryLimit: configuration.deliveryLimit,
            exchange: configuration.eventsExchange
        )

        let pool = PostgresPool(
            configuration: configuration.database,
            maximumConnections: configuration.databasePoolSize,
            logger: logger
        )
        var publishConfiguration = configuration.amqp
        publishConfiguration.connectionName = "\(name)-publish"
        let publishing: AMQPConnection
        do {
            publishing = try AMQPConnection(configuration: publishConfiguration, logger: logger)
        } catch {
            closeInBackground(pool: pool)
            throw error
        }
        var consuming: AMQPConnection?
        if !handlers.eventTypes.isEmpty {
            var consumeConfiguration = configuration.amqp
            consumeConfiguration.connectionName = "\(name)-consume"
            do {
                consuming = try AMQPConnection(configuration: consumeConfiguration, logger: logger)
            } catch {
                closeInBackground(pool: pool, connections: [publishing])
                throw error
            }
        }
        let connections = [publishing] + (consuming.map { [$0] } ?? [])

        do {
            let databaseGate = StartupGate(pendingStep: "applying database migrations")
            let brokerGate = StartupGate(pendingStep: "declaring the broker topology")
            let startup = StartupService(
                schema: name, migrations: allMigrations, pool: pool, publishing: publishing,
                topology: handlers.eventTypes.isEmpty ? ServiceTopology.shared(exchange: configuration.eventsExchange) : serviceTopology.topology,
                databaseGate: databaseGate, brokerGate: brokerGate, logger: logger
            )

            var relayConfiguration = OutboxRelayConfiguration(schema: name, exchange: configuration.eventsExchange)
            relayConfiguration.batchSize = configuration.outboxBatchSize
            relayConfiguration.pollInterval = configuration.outboxPollInterval
            let relay = try OutboxRelay(
                configuration: relayConfiguration, database: configuration.database, publisher: publishing,
                logger: logger, metricsFactory: metricsFactory
            )
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
                .init(service: startup, serviceName: "startup"),
                .init(service: GatedService(gates: [databaseGate, brokerGate], service: relay, description: "outbox-relay"), serviceName: "outbox-relay"),
            ]
            let dependencies = ServiceDependencies(
                service: name, configuration: configuration, pool: pool, outbox: outbox,
                logger: logger, metricsFactory: metricsFactory
            )
            for (index, background) in try backgroundServices(dependencies).enumerated() {
                let description = "\(name)-background-\(index + 1)"
                services.append(.init(service: GatedService(gates: [databaseGate], service: background, description: description), serviceName: description))
            }
            if let consuming {
                let consumer = try EventConsumer(
                    configuration: EventConsumer.Configuration(
                        topology: serviceTopology, schema: name,
                        prefetch: configuration.consumerPrefetch, concurrency: configuration.consumerConcurrency,
                        batchSize: configuration.consumerBatchSize
                    ),
                    handlers: handlers, pool: pool, consuming: consuming, publishing: publishing,
                    logger: logger, metricsFactory: metricsFactory
                )
                services.append(.init(service: GatedService(gates: [databaseGate], service: consumer, description: "event-consumer"), serviceName: "event-consumer"))
            }

            let routes = self.routes
            let server = ServiceHTTPServer(
                name: name,
                configuration: ServiceHTTPServer.Configuration(
                    host: configuration.httpHost, port: configuration.httpPort,
                    maximumRequestBodySize: configuration.maximumRequestBodySize,
                    readinessTimeout: configuration.readinessTimeout
                ),
                logger: logger,
                metricsRegistry: metricsRegistry,
                readinessChecks: [
                    StartupReadinessCheck(gates: [databaseGate, brokerGate]),
                    DatabaseReadinessCheck(pool: pool),
                    BrokerReadinessCheck(connections: connections),
                ] + readinessChecks,
                startupGate: databaseGate,
                routes: { router in try routes(router, dependencies) }
            )
            let port = ListeningPort()
            let application = try server.makeApplication { boundPort in
                port.fulfill(boundPort)
            }
            // Shutdown runs in reverse: HTTP first, then the consumer, then the relay, then start-up.
            services.append(.init(service: application, serviceName: "http"))

            var groupConfiguration = ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: handlingSignals ? [.sigterm, .sigint] : [], logger: logger
            )
            groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownTimeout
            return ServiceAssembly(
                group: ServiceGroup(configuration: groupConfiguration),
                pool: pool, connections: connections, port: port, logger: logger
            )
        } catch {
            closeInBackground(pool: pool, connections: connections)
            throw error
        }
    }

    /// Releases what was opened before assembly failed (synchronous callers cannot await; closing runs detached).
    private func closeInBackground(pool: PostgresPool, connections: [AMQPConnection] = []) {
        Task {
            for connection in connections { await connection.close() }
            await pool.close()
        }
    }
}
