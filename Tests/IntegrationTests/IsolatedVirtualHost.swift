import Foundation
import WholesailTestSupport

/// A RabbitMQ virtual host of the suite's own, made through the management API (base URL and credentials as
/// `RabbitMQManagement` reads them from the environment), with the permissions `deploy/local/stack`'s
/// `rabbitmq_provision` gives: the administrator everything, each service user the shared exchanges and its own
/// `<service>.*` queues.
struct IsolatedVirtualHost: Sendable {
    let name: String
    private let management: RabbitMQManagement

    /// Creates `name` and grants the administrator and the users of `services`.
    static func create(name: String, services: [String]) async throws -> IsolatedVirtualHost {
        let host = IsolatedVirtualHost(name: name, management: RabbitMQManagement())
        let management = host.management
        try await management.createVirtualHost(name)
        do {
            try await management.setPermissions(user: management.username, on: name, configure: ".*", write: ".*", read: ".*")
            let shared = #"wholesail\.events|wholesail\.unrouted"#
            for service in services {
                let own = #"\#(service)\..*"#
                try await management.setPermissions(
                    user: service, on: name, configure: #"^(\#(shared)|\#(own))$"#, write: #"^(\#(shared)|amq\.default|\#(own))$"#,
                    read: #"^(\#(shared)|\#(own))$"#
                )
            }
        } catch {
            try? await host.delete()
            throw error
        }
        return host
    }

    /// Deletes the virtual host with every queue and exchange in it.
    func delete() async throws {
        try await management.deleteVirtualHost(name)
    }
}
