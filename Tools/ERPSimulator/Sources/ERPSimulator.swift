import Logging
import ServiceKit
import ServiceLifecycle

/// The ERP simulator: an HTTP server standing in for a distributor's ERP in the local stack and in tests.
///
/// It serves ``ERPSimulatorRoutes`` through ServiceKit's ``ServiceHTTPServer`` (so `/health/live`,
/// `/health/ready`, `/metrics` and problem+json errors work as in every service) and needs no database or broker.
///
/// ```swift
/// // main
/// let configuration = ERPSimulatorConfiguration.loadOrExit()
/// StructuredLogHandler.bootstrap(level: configuration.logLevel)
/// await ERPSimulator(configuration: configuration).runOrExit()
///
/// // a test
/// let erp = try await ERPSimulator.start()      // a free port on 127.0.0.1
/// await erp.state.setOutage(true)
/// … // point the client at erp.baseURL, then read erp.state.documents(kind: .salesOrders)
/// try await erp.shutdown()
/// ```
public struct ERPSimulator: Sendable {
    public let configuration: ERPSimulatorConfiguration
    /// The simulator's knobs and records.
    public let state: ERPSimulatorState
    public let logger: Logger

    /// - Parameter state: pass one in to choose its random source; by default a new one with the
    ///   configuration's knobs.
    public init(configuration: ERPSimulatorConfiguration, state: ERPSimulatorState? = nil, logger: Logger? = nil) {
        self.configuration = configuration
        self.state = state ?? ERPSimulatorState(knobs: configuration.knobs)
        self.logger = logger ?? Logger(label: ERPSimulatorConfiguration.name)
    }

    /// Serves until SIGTERM or SIGINT, then lets in-flight requests finish (within the shutdown timeout) and
    /// returns.
    /// - Throws: when the server cannot start, e.g. the port is taken.
    public func run() async throws {
        let logger = logger
        let configuration = configuration
        let group = try makeServiceGroup(handlingSignals: true) { port in
            logger.info("erp simulator listening", metadata: [
                "host": "\(configuration.host)", "port": "\(port)",
                "knobs": "\(configuration.knobs)",
            ])
        }
        try await group.run()
    }

    /// ``run()`` for a `main`: on failure writes one line to standard error and exits with status 1.
    public func runOrExit() async {
        do {
            try await run()
        } catch {
            logger.critical("erp simulator stopped because of an error", metadata: ["error": "\(error)"])
            StandardError.exit(service: ERPSimulatorConfiguration.name, reason: "\(error)")
        }
    }

    /// Starts serving in this process without signal handling and returns once the server listens — for tests.
    /// Stop it with ``RunningERPSimulator/shutdown()``.
    /// - Throws: when the server stops before listening (e.g. the port is taken).
    public func start() async throws -> RunningERPSimulator {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let group = try makeServiceGroup(handlingSignals: false) { port in
            continuation.yield(port)
        }
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await task.value
            throw ERPSimulatorStartError(host: configuration.host, port: configuration.port)
        }
        return RunningERPSimulator(host: configuration.host, port: port, state: state, group: group, task: task)
    }

    /// Starts a simulator in this process (by default on a free port of 127.0.0.1) — for tests.
    /// - Parameter state: pass one to choose its random source or initial knobs.
    public static func start(
        configuration: ERPSimulatorConfiguration = ERPSimulatorConfiguration(),
        state: ERPSimulatorState? = nil,
        logger: Logger? = nil
    ) async throws -> RunningERPSimulator {
        try await ERPSimulator(configuration: configuration, state: state, logger: logger).start()
    }

    private func makeServiceGroup(
        handlingSignals: Bool,
        onServerRunning: @escaping @Sendable (Int) async -> Void
    ) throws -> ServiceGroup {
        let routes = ERPSimulatorRoutes(state: state)
        let server = ServiceHTTPServer(
            name: ERPSimulatorConfiguration.name,
            configuration: ServiceHTTPServer.Configuration(
                host: configuration.host, port: configuration.port,
                maximumRequestBodySize: configuration.maximumRequestBodySize
            ),
            logger: logger,
            metricsRegistry: .init(),
            readinessChecks: [],
            routes: { router in routes.register(on: router) }
        )
        let application = try server.makeApplication(onServerRunning: onServerRunning)
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: application, serviceName: "http")],
            gracefulShutdownSignals: handlingSignals ? [.sigterm, .sigint] : [],
            logger: logger
        )
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownTimeout
        return ServiceGroup(configuration: groupConfiguration)
    }
}
