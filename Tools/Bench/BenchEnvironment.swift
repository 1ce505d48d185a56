import Foundation
import Logging
import Messaging
import Persistence

/// The servers a run talks to, with a name that keeps this run's queues and schema apart from everyone else's.
struct BenchEnvironment: Sendable {
    static let startCommand = "deploy/local/stack up"

    let amqp: AMQPConfiguration
    let database: PostgresConfiguration
    let logger: Logger
    /// Eight hex digits, part of every queue, exchange and schema name this run creates.
    let runID: String

    init(amqpURL: String, databaseURL: String, logger: Logger) throws(BenchError) {
        do {
            amqp = try AMQPConfiguration(url: amqpURL, connectionName: "wholesail-bench")
        } catch {
            throw BenchError("invalid AMQP URL: \(error)")
        }
        do {
            var database = try PostgresConfiguration(url: databaseURL)
            database.applicationName = database.applicationName ?? "wholesail-bench"
            self.database = database
        } catch {
            throw BenchError("invalid PostgreSQL URL: \(error)")
        }
        self.logger = logger
        runID = String(UUID().uuidString.prefix(8)).lowercased()
    }

    /// Fails with one line naming the command that starts the servers when either is unreachable.
    func checkServers() async throws(BenchError) {
        let connection = try await connectBroker(role: "check", timeout: .seconds(5))
        await connection.close()
        do {
            let session = try await PostgresConnection.connect(configuration: database, logger: logger)
            await session.close()
        } catch {
            throw BenchError(
                "cannot reach PostgreSQL at \(database) (\(error.message)); start the local stack with `\(Self.startCommand)`"
            )
        }
    }

    /// A connected broker connection named `wholesail-bench-<role>`.
    func connectBroker(role: String, timeout: Duration = .seconds(10)) async throws(BenchError) -> AMQPConnection {
        var configuration = amqp
        configuration.connectionName = "wholesail-bench-\(role)"
        do {
            return try await AMQPConnection.connect(configuration: configuration, logger: logger, timeout: timeout)
        } catch {
            throw BenchError(
                "cannot reach RabbitMQ at \(amqp.redactedURL) (\(error.message)); start the local stack with `\(Self.startCommand)`"
            )
        }
    }

    /// Waits (up to 60 s) until a service started by a benchmark answers `/health/ready` on `port`.
    func waitUntilReady(service: String, port: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let response = try? await BenchHTTP.get(port: port, path: "/health/ready"), response.status == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw BenchError("the \(service) service did not become ready within 60 s")
    }

    /// Removes what a service benchmark created: closes `connections`, drops the service's schema, deletes its
    /// queues (inbox, dead letters, retries) and `queues`, and its private exchange.
    func removeServiceObjects(admin: PostgresPool, schema: String, exchange: String, queues: [String] = [], connections: [AMQPConnection?] = []) async throws {
        for connection in connections.compactMap({ $0 }) { await connection.close() }
        _ = try await admin.execute("DROP SCHEMA \(schema) CASCADE")
        let connection = try await connectBroker(role: "cleanup")
        for queue in ["inbox", "dlq", "retry.1", "retry.2", "retry.3"].map({ "\(schema).\($0)" }) + queues {
            try? await connection.deleteQueue(queue)
        }
        try? await connection.deleteExchange(exchange)
        await connection.close()
    }

    /// A queue or exchange name unique to this run.
    func brokerName(_ purpose: String) -> String {
        "wholesail-bench-\(runID)-\(purpose)"
    }
}
