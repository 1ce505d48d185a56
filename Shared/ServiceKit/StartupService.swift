import Logging
import Messaging
import Persistence
import ServiceLifecycle

/// A service's start-up steps, run inside its `ServiceGroup` so a shutdown signal interrupts them:
/// apply the migrations (waiting while PostgreSQL is unreachable), then declare the broker topology (waiting
/// while RabbitMQ is). Each step opens a gate the other parts wait on; then it idles until shutdown.
struct StartupService: Service, CustomStringConvertible {
    let schema: String
    let migrations: [Migration]
    let pool: PostgresPool
    let publishing: AMQPConnection
    let topology: Topology
    let databaseGate: StartupGate
    let brokerGate: StartupGate
    let logger: Logger

    var description: String { "startup" }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { [self] in
                try await migrate()
                databaseGate.open()
                try await declareTopology()
                brokerGate.open()
                logger.info("service started")
            }
            try await gracefulShutdown()
        } catch where Task.isShuttingDownGracefully {
            // Shut down before start-up finished: not a failure.
            logger.debug("start-up interrupted by shutdown", metadata: ["error": "\(error)"])
        }
    }

    private func migrate() async throws {
        let migrator = try Migrator(schema: schema, logger: logger)
        var attempt = 0
        while true {
            do {
                try await migrator.migrate(migrations, on: pool)
                return
            } catch let error as PostgresError where Self.isUnavailable(error) {
                attempt += 1
                let delay = Self.backoff(attempt: attempt)
                logger.warning(
                    "PostgreSQL is unavailable; waiting before applying migrations",
                    metadata: ["attempt": "\(attempt)", "retry_in": "\(delay)", "error": "\(error)", "database": "\(pool.configuration)"]
                )
                try await Task.sleep(for: delay)
            }
        }
    }

    private func declareTopology() async throws {
        var attempt = 0
        while true {
            do throws(AMQPError) {
                try await publishing.waitUntilConnected(timeout: .seconds(5))
                try await publishing.declare(topology)
                return
            } catch {
                try Task.checkCancellation()
                attempt += 1
                let delay = Self.backoff(attempt: attempt)
                logger.warning(
                    "RabbitMQ is unavailable; waiting before declaring the topology",
                    metadata: ["attempt": "\(attempt)", "retry_in": "\(delay)", "error": "\(error)", "broker": "\(publishing.configuration.redactedURL)"]
                )
                try await Task.sleep(for: delay)
            }
        }
    }

    /// Failures that mean "not reachable yet", worth waiting out; anything else (a failing migration, a changed
    /// checksum) stops the start.
    static func isUnavailable(_ error: PostgresError) -> Bool {
        [.connectionFailed, .connectionLost, .poolAcquireTimeout, .commitOutcomeUnknown].contains(error.code)
    }

    /// 250 ms doubling to 5 s, with jitter.
    static func backoff(attempt: Int) -> Duration {
        let ceiling = min(5000, 250 << min(max(attempt - 1, 0), 5))
        return .milliseconds(ceiling / 2 + Int.random(in: 0...(ceiling / 2)))
    }
}
