import Logging
import ServiceLifecycle

/// Services running in a `ServiceGroup` for the length of a test, stopped with a graceful shutdown.
public final class RunningServices: Sendable {
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    public init(_ services: [any Service], logger: Logger) {
        group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [],
            logger: logger
        ))
        let group = group
        task = Task { try await group.run() }
    }

    /// Triggers a graceful shutdown and waits until every service's `run()` has returned.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    /// Cancels the services without a graceful shutdown (an abrupt stop) and waits for them.
    public func cancel() async {
        task.cancel()
        _ = try? await task.value
    }
}
