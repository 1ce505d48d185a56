import Hummingbird
import Logging
import Prometheus

/// The HTTP side of a service: Hummingbird with Wholesail's middleware, probes and metrics around the service's
/// own routes. ``WholesailService`` builds one; build one yourself to serve HTTP without the messaging parts.
///
/// Middleware, outermost first: ``CorrelationIDMiddleware``, ``RequestMetricsMiddleware``,
/// ``ProblemDetailsMiddleware``, ``RequestBodyLimitMiddleware``. Then `/health/live`, `/health/ready`,
/// `/metrics`, the service's routes, and 405 answers for wrong methods (see ``ServiceRouter``).
public struct ServiceHTTPServer: Sendable {
    public struct Configuration: Sendable {
        /// Address to bind, e.g. `127.0.0.1` or `0.0.0.0`.
        public var host: String
        /// Port to bind; `0` picks a free one (reported through `onServerRunning`).
        public var port: Int
        public var maximumRequestBodySize: Int
        /// How long each readiness check may take.
        public var readinessTimeout: Duration

        public init(
            host: String = "127.0.0.1",
            port: Int,
            maximumRequestBodySize: Int = ServiceRequestContext.defaultMaximumBodySize,
            readinessTimeout: Duration = .seconds(2)
        ) {
            self.host = host
            self.port = port
            self.maximumRequestBodySize = maximumRequestBodySize
            self.readinessTimeout = readinessTimeout
        }
    }

    /// The Hummingbird application type this builds.
    public typealias Application = Hummingbird.Application<RouterResponder<ServiceRequestContext>>

    public let name: String
    public let configuration: Configuration
    public let logger: Logger
    /// The registry `/metrics` renders; HTTP metrics are recorded into it.
    public let metricsRegistry: PrometheusCollectorRegistry
    public let readinessChecks: [any ReadinessCheck]
    private let routes: @Sendable (ServiceRouter) throws -> Void
    private let startupGate: StartupGate?

    /// - Parameters:
    ///   - readinessChecks: what `/health/ready` verifies.
    ///   - routes: registers the service's routes; runs once, when the application is built.
    public init(
        name: String,
        configuration: Configuration,
        logger: Logger,
        metricsRegistry: PrometheusCollectorRegistry,
        readinessChecks: [any ReadinessCheck],
        routes: @escaping @Sendable (ServiceRouter) throws -> Void
    ) {
        self.init(
            name: name, configuration: configuration, logger: logger, metricsRegistry: metricsRegistry,
            readinessChecks: readinessChecks, startupGate: nil, routes: routes
        )
    }

    init(
        name: String,
        configuration: Configuration,
        logger: Logger,
        metricsRegistry: PrometheusCollectorRegistry,
        readinessChecks: [any ReadinessCheck],
        startupGate: StartupGate?,
        routes: @escaping @Sendable (ServiceRouter) throws -> Void
    ) {
        self.name = name
        self.configuration = configuration
        self.logger = logger
        self.metricsRegistry = metricsRegistry
        self.readinessChecks = readinessChecks
        self.startupGate = startupGate
        self.routes = routes
    }

    /// Builds the router and the application (a `Service` to run in a `ServiceGroup`).
    /// - Parameter onServerRunning: called with the bound port once the server listens.
    /// - Throws: whatever the routes closure throws.
    public func makeApplication(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> Application {
        let router = try makeRouter()
        return Application(
            router: router.router,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                await onServerRunning(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger
        )
    }

    func makeRouter() throws -> ServiceRouter {
        let router = ServiceRouter()
        router.add(middleware: CorrelationIDMiddleware())
        router.add(middleware: RequestMetricsMiddleware<ServiceRequestContext>(
            metricsFactory: PrometheusMetricsFactory(registry: metricsRegistry)
        ))
        router.add(middleware: ProblemDetailsMiddleware<ServiceRequestContext>())
        router.add(middleware: RequestBodyLimitMiddleware(maximumBytes: configuration.maximumRequestBodySize))

        HealthRoutes(probe: ReadinessProbe(checks: readinessChecks, timeout: configuration.readinessTimeout)).register(on: router)
        MetricsRoute(registry: metricsRegistry).register(on: router)

        if let startupGate {
            router.add(middleware: StartupGateMiddleware<ServiceRequestContext>(gate: startupGate))
        }
        try routes(router)
        router.addMethodNotAllowedResponders()
        return router
    }
}
