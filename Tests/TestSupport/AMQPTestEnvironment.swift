import Foundation
import Logging
import Messaging

/// The RabbitMQ the integration tests talk to: the local stack's broker (`deploy/local/stack up`).
///
/// Tests never skip when it is missing: connecting throws an error naming the command that starts it.
public enum AMQPTestEnvironment {
    public static let defaultURL = "amqp://wholesail_admin:wholesail_admin@127.0.0.1:25672/wholesail"

    public static var url: String {
        ProcessInfo.processInfo.environment["WHOLESAIL_TEST_AMQP_URL"] ?? defaultURL
    }

    public static func configuration(name: String) throws -> AMQPConfiguration {
        var configuration = try AMQPConfiguration(url: url, connectionName: name)
        configuration.reconnectInitialDelay = .milliseconds(50)
        configuration.reconnectMaximumDelay = .seconds(1)
        return configuration
    }

    /// A connected connection, or an error that tells the reader how to start the broker.
    public static func connect(name: String, configure: (inout AMQPConfiguration) -> Void = { _ in }) async throws -> AMQPConnection {
        var configuration = try configuration(name: name)
        configure(&configuration)
        do {
            return try await AMQPConnection.connect(configuration: configuration, logger: testLogger(name), timeout: .seconds(10))
        } catch {
            throw TestEnvironmentError(
                "RabbitMQ is not reachable at \(configuration.redactedURL) (\(error)). Start the servers with `deploy/local/stack up` (or run the suite with `deploy/local/stack test`)."
            )
        }
    }

    /// A name no other test (or test run) uses, for queues, exchanges and services.
    public static func uniqueName(_ prefix: String) -> String {
        "test-\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// Logs from tests go to stderr at `warning` unless WHOLESAIL_TEST_LOG_LEVEL says otherwise.
public func testLogger(_ label: String) -> Logger {
    var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
    let level = ProcessInfo.processInfo.environment["WHOLESAIL_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
    logger.logLevel = level ?? .warning
    return logger
}

/// The test environment is not set up; the message says how to set it up.
public struct TestEnvironmentError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
