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

    /// A queue or exchange name unique to this run.
    func brokerName(_ purpose: String) -> String {
        "wholesail-bench-\(runID)-\(purpose)"
    }
}
