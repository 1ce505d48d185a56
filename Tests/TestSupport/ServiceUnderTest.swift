import Foundation
import Messaging
import ServiceKit

/// A service named like a fresh test schema, on a private exchange, against the real servers.
public struct ServiceUnderTest: Sendable {
    public let name: String
    public let configuration: ServiceConfiguration

    public init(schema: String, extraEnvironment: [String: String] = [:]) throws {
        name = schema
        let databaseURL = ProcessInfo.processInfo.environment[PostgresTestEnvironment.urlVariable] ?? PostgresTestEnvironment.defaultURL
        var environment = [
            // Its own application name, to tell the service's sessions from the test's.
            "WHOLESAIL_DATABASE_URL": databaseURL + (databaseURL.contains("?") ? "&" : "?") + "application_name=\(schema)-service",
            "WHOLESAIL_AMQP_URL": AMQPTestEnvironment.url,
            "WHOLESAIL_HTTP_PORT": "0",
            // Many services run at once in a test run: keep each one's share of PostgreSQL small.
            "WHOLESAIL_DATABASE_POOL_SIZE": "4",
            "WHOLESAIL_EVENTS_EXCHANGE": "\(schema).events",
            "WHOLESAIL_RETRY_DELAYS": "100ms",
            "WHOLESAIL_OUTBOX_POLL_INTERVAL": "200ms",
            "WHOLESAIL_READINESS_TIMEOUT": "1s",
            "WHOLESAIL_SHUTDOWN_TIMEOUT": "20s",
        ]
        environment.merge(extraEnvironment) { _, new in new }
        configuration = try ServiceConfiguration(service: schema, environment: EnvironmentReader(environment))
    }

    /// Deletes the service's queues and exchange.
    public func removeBrokerObjects() async throws {
        let admin = try await AMQPTestEnvironment.connect(name: "\(name)-cleanup")
        let topology = ServiceTopology(service: name, bindingKeys: [], retryDelays: configuration.retryDelays, exchange: configuration.eventsExchange)
        for queue in topology.topology.queues.map(\.name) where queue != ServiceTopology.unroutedQueue {
            try? await admin.deleteQueue(queue)
        }
        try? await admin.deleteExchange(configuration.eventsExchange)
        await admin.close()
    }
}
