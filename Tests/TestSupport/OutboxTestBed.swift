import Contracts
import Foundation
import Logging
import Messaging
import Outbox
import Persistence

/// A test event: one number, keyed by an aggregate.
public struct ThingHappened: EventPayload, Hashable {
    public static let eventType: EventType = "tests.thing.happened.v1"
    public var number: Int
    public init(number: Int) { self.number = number }
}

/// A second type the test handlers know nothing about, to exercise "unknown event type".
public struct ThingForgotten: EventPayload, Hashable {
    public static let eventType: EventType = "tests.thing.forgotten.v1"
    public var number: Int
    public init(number: Int) { self.number = number }
}

/// A private schema (outbox, inbox, an `effects` table), a private service topology and two broker
/// connections: what outbox and consumer tests need, isolated from every other test.
public struct OutboxTestBed: Sendable {
    public let schema: PostgresTestSchema
    public let publisher: AMQPConnection
    public let consumer: AMQPConnection
    public let topology: ServiceTopology
    public let logger: Logger

    public var pool: PostgresPool { schema.pool }
    public var writer: OutboxWriter { get throws { try OutboxWriter(schema: schema.name) } }

    /// Runs `body` with a fresh bed; drops the schema and deletes the queues afterwards.
    public static func with<Value>(
        _ label: String,
        retryDelays: [Duration] = [.milliseconds(100), .milliseconds(200)],
        maximumConnections: Int = 8,
        _ body: (OutboxTestBed) async throws -> Value
    ) async throws -> Value {
        try await PostgresTestEnvironment.withSchema(label, maximumConnections: maximumConnections) { schema in
            let publisher = try await AMQPTestEnvironment.connect(name: "\(schema.name)-publisher")
            let consumer = try await AMQPTestEnvironment.connect(name: "\(schema.name)-consumer")
            // A private exchange: other tests' events never reach this bed's inbox.
            let topology = ServiceTopology(
                service: schema.name, bindingKeys: [ThingHappened.eventType.routingKey], retryDelays: retryDelays,
                exchange: "\(schema.name).events"
            )
            let bed = OutboxTestBed(schema: schema, publisher: publisher, consumer: consumer, topology: topology, logger: testLogger(label))
            let outcome: Result<Value, any Error>
            do {
                _ = try await Migrator(schema: schema.name).migrate(
                    try OutboxMigrations.all() + [Migration(id: "0001_effects", sql: "CREATE TABLE effects (id bigserial PRIMARY KEY, event_id text NOT NULL, number int NOT NULL, handler text NOT NULL)")],
                    on: schema.pool
                )
                try await publisher.declare(topology.topology)
                outcome = .success(try await body(bed))
            } catch {
                outcome = .failure(error)
            }
            for queue in topology.topology.queues.map(\.name) where queue != ServiceTopology.unroutedQueue {
                try? await publisher.deleteQueue(queue)
            }
            try? await publisher.deleteExchange(topology.exchange)
            await publisher.close()
            await consumer.close()
            return try outcome.get()
        }
    }

    /// Commits one event per number, each in its own transaction, and returns their envelopes.
    @discardableResult
    public func commitEvents(_ numbers: some Sequence<Int>, aggregate: (Int) -> String = { "aggregate-\($0 % 10)" }) async throws -> [EventEnvelope<ThingHappened>] {
        let writer = try writer
        var envelopes: [EventEnvelope<ThingHappened>] = []
        for number in numbers {
            let envelope = try EventEnvelope(payload: ThingHappened(number: number), correlationID: aggregate(number))
            try await pool.transaction { transaction in
                try await writer.append(envelope, in: transaction)
            }
            envelopes.append(envelope)
        }
        return envelopes
    }

    public func relay(_ configure: (inout OutboxRelayConfiguration) -> Void = { _ in }, observer: (@Sendable ([OutboxRelay.PublishedEvent]) -> Void)? = nil) throws -> OutboxRelay {
        var configuration = OutboxRelayConfiguration(schema: schema.name, exchange: topology.exchange)
        configuration.pollInterval = .milliseconds(200)
        configure(&configuration)
        return try OutboxRelay(configuration: configuration, database: schema.configuration, publisher: publisher, logger: logger, observer: observer)
    }

    /// A consumer of this bed's inbox with the given handlers.
    public func eventConsumer(_ handlers: EventHandlers, concurrency: Int = 4, prefetch: UInt16 = 32, batchSize: Int = 16) throws -> EventConsumer {
        try EventConsumer(
            configuration: EventConsumer.Configuration(
                topology: topology, schema: schema.name, prefetch: prefetch, concurrency: concurrency, batchSize: batchSize
            ),
            handlers: handlers,
            pool: pool,
            consuming: consumer,
            publishing: publisher,
            logger: logger
        )
    }

    /// Handlers that record each `ThingHappened` in `effects` (one row per applied effect).
    public func recordingHandlers(named name: String = "record", before: @escaping @Sendable (EventEnvelope<ThingHappened>) async throws -> Void = { _ in }) -> EventHandlers {
        var handlers = EventHandlers()
        handlers.on(ThingHappened.self, handler: name) { event, context in
            try await before(event)
            _ = try await context.transaction.execute(
                "INSERT INTO effects (event_id, number, handler) VALUES ($1, $2, $3)",
                event.id.description, event.payload.number, name
            )
        }
        return handlers
    }

    /// Number of effect rows, and number of event ids applied more than once.
    public func effects() async throws -> (total: Int, duplicated: Int, distinct: Int) {
        let rows = try await pool.query(
            "SELECT count(*), count(*) - count(DISTINCT event_id), count(DISTINCT event_id) FROM effects"
        )
        let row = try rows.first.orThrow("no effects row")
        return (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1), try row.decode(Int.self, at: 2))
    }

    /// Unpublished outbox rows.
    public func unpublished() async throws -> Int {
        try await pool.query("SELECT count(*) FROM outbox WHERE published_at IS NULL").first.orThrow("no row").decode(Int.self, at: 0)
    }

    /// ``WholesailTestSupport/eventually(timeout:_:)``, for readability at call sites.
    public func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
        try await WholesailTestSupport.eventually(timeout: timeout, condition)
    }

    /// Every message now in `queue`, taken with `basic.get` and acknowledged (the queue is emptied).
    public func drain(_ queue: String) async throws -> [Delivery] {
        var deliveries: [Delivery] = []
        while let delivery = try await publisher.get(queue: queue) {
            delivery.ack()
            deliveries.append(delivery)
        }
        return deliveries
    }
}

extension Optional {
    /// The value, or a test-environment error with `message`.
    public func orThrow(_ message: String) throws -> Wrapped {
        guard let value = self else { throw TestEnvironmentError(message) }
        return value
    }
}
