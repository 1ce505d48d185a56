import Contracts
import Foundation
import Messaging
import Persistence
import ServiceKit

/// A service started in this process on a fresh schema and a private exchange, with an HTTP client, a
/// publishing connection, and a queue that collects what the service publishes (to check its events).
public struct ServiceHarness: Sendable {
    public let setup: ServiceUnderTest
    public let running: RunningService
    public let client: HTTPTestClient
    public let broker: AMQPConnection
    /// Bound to the service's own events on the private exchange.
    public let outputQueue: String
    /// Every collected event is checked against these (loaded once: compiling them per message is slow).
    public let schemas: EventSchemas

    /// Services running at once in this test process (`WHOLESAIL_TEST_SERVICE_CONCURRENCY`, default 6); further
    /// service tests wait for a turn before they start their service (and their clocks).
    public static let running = ConcurrencyLimit(
        permits: ProcessInfo.processInfo.environment["WHOLESAIL_TEST_SERVICE_CONCURRENCY"].flatMap(Int.init) ?? 6
    )

    /// Runs `body` with a started service; shuts everything down and removes the broker objects afterwards.
    /// - Parameters:
    ///   - observing: the binding key of the output queue, e.g. `pricing.#`.
    ///   - make: builds the service from the test configuration.
    public static func with<Value: Sendable>(
        _ label: String,
        observing: String,
        extraEnvironment: [String: String] = [:],
        make: @Sendable (ServiceConfiguration) throws -> WholesailService,
        _ body: @Sendable (ServiceHarness, PostgresTestSchema) async throws -> Value
    ) async throws -> Value {
        try await running.with {
            try await start(label, observing: observing, extraEnvironment: extraEnvironment, make: make, body)
        }
    }

    private static func start<Value: Sendable>(
        _ label: String,
        observing: String,
        extraEnvironment: [String: String],
        make: @Sendable (ServiceConfiguration) throws -> WholesailService,
        _ body: @Sendable (ServiceHarness, PostgresTestSchema) async throws -> Value
    ) async throws -> Value {
        try await PostgresTestEnvironment.withSchema(label) { schema in
            let setup = try ServiceUnderTest(schema: schema.name, extraEnvironment: extraEnvironment)
            let broker = try await AMQPTestEnvironment.connect(name: "\(schema.name)-test")
            let outputQueue = "\(schema.name).observed"
            let service = try make(setup.configuration)
            let running = try service.start()
            let harness = ServiceHarness(
                setup: setup, running: running, client: HTTPTestClient(port: try await running.httpPort()),
                broker: broker, outputQueue: outputQueue, schemas: try EventSchemas()
            )
            do {
                try await broker.declare(ServiceTopology.shared(exchange: setup.configuration.eventsExchange).merging(Topology(
                    queues: [QueueDeclaration(name: outputQueue, durable: false, exclusive: false, autoDelete: false)],
                    bindings: [QueueBinding(queue: outputQueue, exchange: setup.configuration.eventsExchange, routingKey: observing)]
                )))
                guard try await eventually(timeout: .seconds(30), { try await harness.client.get("/health/ready").status == 200 }) else {
                    throw TestFailure("the service did not become ready")
                }
                let value = try await body(harness, schema)
                await harness.stop()
                return value
            } catch {
                await harness.stop()
                throw error
            }
        }
    }

    public func stop() async {
        try? await running.shutdown()
        try? await broker.deleteQueue(outputQueue)
        await broker.close()
        try? await setup.removeBrokerObjects()
    }

    /// Publishes an event to the service's exchange as another service would.
    public func publish<Payload: EventPayload>(_ envelope: EventEnvelope<Payload>) async throws {
        try await broker.publish(OutgoingMessage(
            exchange: setup.configuration.eventsExchange, routingKey: envelope.type, body: Array(try envelope.encoded()),
            properties: MessageProperties(messageID: envelope.id.description, type: envelope.type, correlationID: envelope.correlationID)
        ))
    }

    /// The events of `type` the service published so far (drains them from the observation queue; others are kept aside).
    public func collect<Payload: EventPayload>(_ type: Payload.Type, expecting count: Int, timeout: Duration = .seconds(30)) async throws -> [EventEnvelope<Payload>] {
        var found: [EventEnvelope<Payload>] = []
        let deadline = ContinuousClock.now + timeout
        while found.count < count, ContinuousClock.now < deadline {
            guard let delivery = try await broker.get(queue: outputQueue) else {
                try await Task.sleep(for: .milliseconds(50))
                continue
            }
            delivery.ack()
            // Everything the service publishes must satisfy its contract's JSON Schema.
            let violations = try schemas.validateEnvelope(data: Data(delivery.body))
            guard violations.isEmpty else {
                throw TestFailure("\(delivery.routingKey) breaks its schema: \(violations)")
            }
            if delivery.routingKey == Payload.eventType.routingKey {
                found.append(try EventEnvelope<Payload>.decode(from: Data(delivery.body)))
            }
        }
        return found
    }

    public func put(_ path: String, json: String) async throws -> HTTPTestResponse {
        try await client.put(path, json: json)
    }

    public func post(_ path: String, json: String) async throws -> HTTPTestResponse {
        try await client.post(path, json: json)
    }
}
