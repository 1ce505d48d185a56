import Testing

@testable import Messaging

@Suite("AMQP configuration")
struct AMQPConfigurationTests {
    @Test func parsesAFullURL() throws {
        let configuration = try AMQPConfiguration(url: "amqp://orders:s%40cret@broker.internal:5673/wholesail")
        #expect(configuration.host == "broker.internal")
        #expect(configuration.port == 5673)
        #expect(configuration.username == "orders")
        #expect(configuration.password == "s@cret")
        #expect(configuration.virtualHost == "wholesail")
    }

    @Test func missingVirtualHostMeansSlash() throws {
        #expect(try AMQPConfiguration(url: "amqp://guest:guest@localhost").virtualHost == "/")
        #expect(try AMQPConfiguration(url: "amqp://guest:guest@localhost/%2F").virtualHost == "/")
    }

    @Test func rejectsOtherSchemes() {
        #expect(throws: AMQPError.self) { try AMQPConfiguration(url: "http://localhost:5672/") }
    }

    @Test func rejectsAURLWithoutHost() {
        #expect(throws: AMQPError.self) { try AMQPConfiguration(url: "amqp:///vhost") }
    }

    @Test func redactedURLHidesThePassword() throws {
        let configuration = try AMQPConfiguration(url: "amqp://orders:secret@localhost:5672/wholesail")
        #expect(!configuration.redactedURL.contains("secret"))
    }

    @Test func serviceTopologyNamesFollowTheArchitecture() {
        let topology = ServiceTopology(service: "orders", bindingKeys: ["pricing.order.*.v1"], retryDelays: [.seconds(1), .seconds(10)])
        #expect(topology.inboxQueue == "orders.inbox")
        #expect(topology.retryQueue(2) == "orders.retry.2")
        #expect(topology.deadLetterQueue == "orders.dlq")
        let declared = topology.topology
        #expect(declared.queues.map(\.name) == ["wholesail.unrouted", "orders.inbox", "orders.retry.1", "orders.retry.2", "orders.dlq"])
        #expect(declared.bindings.contains(QueueBinding(queue: "orders.inbox", exchange: "wholesail.events", routingKey: "pricing.order.*.v1")))
        let retry = declared.queues.first { $0.name == "orders.retry.2" }
        #expect(retry?.arguments["x-message-ttl"] == .integer(10_000))
        #expect(retry?.arguments["x-dead-letter-routing-key"] == .string("orders.inbox"))
    }
}
