import Logging
import Messaging
import Persistence
import ServiceLifecycle

/// A service's parts, wired: its `ServiceGroup` and the connections to close after the group returns.
final class ServiceAssembly: Sendable {
    let group: ServiceGroup
    let pool: PostgresPool
    let connections: [AMQPConnection]
    let port: ListeningPort
    let logger: Logger

    init(group: ServiceGroup, pool: PostgresPool, connections: [AMQPConnection], port: ListeningPort, logger: Logger) {
        self.group = group
        self.pool = pool
        self.connections = connections
        self.port = port
        self.logger = logger
    }

    /// Runs the group to its end, then closes the AMQP connections and the pool (also when the group failed).
    func run() async throws {
        let outcome: Result<Void, any Error>
        do {
            try await group.run()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        port.fail(ServiceStoppedError())
        for connection in connections {
            await connection.close()
        }
        await pool.close()
        logger.info("service stopped")
        try outcome.get()
    }
}

/// The service stopped before its HTTP server was listening.
struct ServiceStoppedError: Error, CustomStringConvertible {
    var description: String { "the service stopped before its HTTP server was listening" }
}
