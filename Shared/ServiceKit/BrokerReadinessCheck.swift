import Messaging

/// Ready when every given AMQP connection is connected (they reconnect by themselves; this only reads their state).
public struct BrokerReadinessCheck: ReadinessCheck {
    public let name: String
    private let connections: [AMQPConnection]

    public init(connections: [AMQPConnection], name: String = "broker") {
        self.connections = connections
        self.name = name
    }

    public func check() async throws {
        let disconnected = connections.filter { !$0.isConnected }.map(\.configuration.connectionName)
        guard disconnected.isEmpty else {
            throw ReadinessFailure("not connected to RabbitMQ: \(disconnected.joined(separator: ", "))")
        }
    }
}
