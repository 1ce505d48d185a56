import Foundation
import Messaging
import WholesailTestSupport

/// A RabbitMQ virtual host of one test's own (made and deleted through the management API), so `topology declare`
/// can create the real service queue names without touching the shared `wholesail` vhost.
struct PrivateVirtualHost: Sendable {
    let name: String
    private let management: RabbitMQManagement

    /// Creates a fresh vhost, grants the management user everything on it, runs `body`, deletes the vhost.
    static func with<Value: Sendable>(_ label: String, _ body: (PrivateVirtualHost) async throws -> Value) async throws -> Value {
        let management = RabbitMQManagement()
        let host = PrivateVirtualHost(name: AMQPTestEnvironment.uniqueName(label), management: management)
        try await management.createVirtualHost(host.name)
        let outcome: Result<Value, any Error>
        do {
            try await management.setPermissions(user: management.username, on: host.name, configure: ".*", write: ".*", read: ".*")
            outcome = .success(try await body(host))
        } catch {
            outcome = .failure(error)
        }
        try await management.deleteVirtualHost(host.name)
        return try outcome.get()
    }

    /// The test broker's URL with this vhost.
    var amqpURL: String {
        get throws {
            let base = try AMQPTestEnvironment.configuration(name: "wholesailctl-tests")
            let user = base.username.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? base.username
            let password = base.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? base.password
            return "amqp://\(user):\(password)@\(base.host):\(base.port)/\(encodedName)"
        }
    }

    /// A connection to this vhost, to check what was declared.
    func connect() async throws -> AMQPConnection {
        var configuration = try AMQPConfiguration(url: try amqpURL, connectionName: "\(name)-check")
        configuration.reconnectInitialDelay = .milliseconds(50)
        return try await AMQPConnection.connect(configuration: configuration, logger: testLogger(name), timeout: .seconds(10))
    }

    private var encodedName: String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
    }
}
