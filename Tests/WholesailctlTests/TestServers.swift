import Foundation
import Persistence
import WholesailTestSupport

/// The URLs the tests hand to wholesailctl: the test servers (same environment variables as the other suites), and
/// addresses where nothing listens.
enum TestServers {
    static var amqpURL: String { AMQPTestEnvironment.url }

    static var databaseURL: String {
        ProcessInfo.processInfo.environment[PostgresTestEnvironment.urlVariable].flatMap { $0.isEmpty ? nil : $0 }
            ?? PostgresTestEnvironment.defaultURL
    }

    /// Port 1 (tcpmux): privileged and never served on a test machine, so a connection is refused at once.
    static let unreachableAMQPURL = "amqp://wholesail_admin:wholesail_admin@127.0.0.1:1/wholesail"
    static let unreachableDatabaseURL = "postgresql://wholesail_admin:wholesail_admin@127.0.0.1:1/wholesail"
}
