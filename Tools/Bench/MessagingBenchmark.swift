import Messaging

/// Publish-with-confirms and consume-with-acks throughput: the Swift `Messaging` layer against C loops
/// over rabbitmq-c, each on a fresh durable quorum queue of its own.
struct MessagingBenchmark: Sendable {
    let environment: BenchEnvironment
    let settings: FoundationSettings

    private var baseline: RabbitMQBaseline { RabbitMQBaseline(configuration: environment.amqp) }

    func run() async throws -> [ComparisonRow] {
        let publisher = try await environment.connectBroker(role: "publisher")
        let consumer: AMQPConnection
        do {
            consumer = try await environment.connectBroker(role: "consumer")
        } catch {
            await publisher.close()
            throw error
        }
        let outcome = await Outcome.of {
            try await publishRows(publisher) + [try await consumeRow(publisher: publisher, consumer: consumer)]
        }
        await consumer.close()
        await publisher.close()
        return try outcome.get()
    }

    // MARK: Publishing

    private func publishRows(_ publisher: AMQPConnection) async throws -> [ComparisonRow] {
        let count = settings.messages
        let window = settings.publishWindow
        let cRate = try await withQueue("publish-c", on: publisher) { queue in
            let elapsed = try await baseline.publish(queue: queue, count: count, window: window, bodySize: settings.messageSize)
            try await expectQueued(count, in: queue, publisher)
            return rate(count, elapsed)
        }
        Console.progress("publish, C rabbitmq-c loop, window \(window): \(Formatting.rate(cRate)) msg/s")

        let pipelinedRate = try await withQueue("publish-swift", on: publisher) { queue in
            let elapsed = try await publishPipelined(queue: queue, publisher)
            try await expectQueued(count, in: queue, publisher)
            return rate(count, elapsed)
        }
        Console.progress("publish, Swift publish(_:) with \(window) callers: \(Formatting.rate(pipelinedRate)) msg/s")

        let batchRate = try await withQueue("publish-swift-batch", on: publisher) { queue in
            let elapsed = try await publishInBatches(queue: queue, publisher)
            try await expectQueued(count, in: queue, publisher)
            return rate(count, elapsed)
        }
        Console.progress("publish, Swift publish(batch:) of \(window): \(Formatting.rate(batchRate)) msg/s")

        let figure = "publish, confirms, \(sizeText) persistent"
        return [
            ComparisonRow(
                figure: "\(figure), \(window) in flight (publish(_:) × \(window) tasks)",
                swift: pipelinedRate, baseline: cRate, unit: "msg/s", baselineSource: "C rabbitmq-c"
            ),
            ComparisonRow(
                figure: "\(figure), publish(batch:) \(window) per call",
                swift: batchRate, baseline: cRate, unit: "msg/s", baselineSource: "C rabbitmq-c"
            ),
        ]
    }

    /// `window` tasks, each publishing and awaiting its confirm in turn: at most `window` unconfirmed.
    private func publishPipelined(queue: String, _ publisher: AMQPConnection) async throws -> Duration {
        let next = SharedCounter()
        let count = settings.messages
        let body = Self.body(size: settings.messageSize)
        let clock = ContinuousClock()
        return try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<min(settings.publishWindow, count) {
                    group.addTask {
                        while true {
                            let index = next.next()
                            if index >= count { return }
                            try await publisher.publish(Self.message(index, queue: queue, body: body))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    /// One `publish(batch:)` of `window` messages at a time, as the outbox relay publishes.
    private func publishInBatches(queue: String, _ publisher: AMQPConnection) async throws -> Duration {
        let count = settings.messages
        let window = settings.publishWindow
        let body = Self.body(size: settings.messageSize)
        let clock = ContinuousClock()
        return try await clock.measure {
            for start in stride(from: 0, to: count, by: window) {
                let messages = (start..<min(start + window, count)).map { Self.message($0, queue: queue, body: body) }
                for result in await publisher.publish(batch: messages) {
                    try result.get()
                }
            }
        }
    }

    // MARK: Consuming

    private func consumeRow(publisher: AMQPConnection, consumer: AMQPConnection) async throws -> ComparisonRow {
        let count = settings.messages
        let prefetch = settings.prefetch
        let cRate = try await withQueue("consume-c", on: publisher) { queue in
            try await fill(queue, publisher)
            let elapsed = try await baseline.consume(queue: queue, count: count, prefetch: prefetch, bodySize: settings.messageSize)
            try await expectQueued(0, in: queue, publisher)
            return rate(count, elapsed)
        }
        Console.progress("consume, C rabbitmq-c loop, prefetch \(prefetch): \(Formatting.rate(cRate)) msg/s")

        let swiftRate = try await withQueue("consume-swift", on: publisher) { queue in
            try await fill(queue, publisher)
            let elapsed = try await consumeWithSwift(queue: queue, consumer)
            try await expectQueued(0, in: queue, publisher)
            return rate(count, elapsed)
        }
        Console.progress("consume, Swift consume(queue:prefetch:) + ack(): \(Formatting.rate(swiftRate)) msg/s")

        return ComparisonRow(
            figure: "consume, manual ack, prefetch \(prefetch), \(sizeText)",
            swift: swiftRate, baseline: cRate, unit: "msg/s", baselineSource: "C rabbitmq-c"
        )
    }

    /// From `consume` (basic.qos + basic.consume) to the consumer's cancel-ok, acking each message: as the C loop.
    private func consumeWithSwift(queue: String, _ consumer: AMQPConnection) async throws -> Duration {
        let count = settings.messages
        let size = settings.messageSize
        let clock = ContinuousClock()
        return try await clock.measure {
            let deliveries = try await consumer.consume(queue: queue, prefetch: UInt16(settings.prefetch))
            var received = 0
            for try await delivery in deliveries {
                guard delivery.body.count == size else {
                    throw BenchError("Swift consumer got a \(delivery.body.count)-byte body, expected \(size)")
                }
                delivery.ack()
                received += 1
                if received == count { break }
            }
            // Cancelling runs on the connection thread after the queued acks, so every ack is on the wire.
            await deliveries.cancel()
            guard received == count else {
                throw BenchError("the Swift consumer ended after \(received) of \(count) messages")
            }
        }
    }

    /// Pre-publishes the messages a consume measurement takes (not timed).
    private func fill(_ queue: String, _ publisher: AMQPConnection) async throws {
        let body = Self.body(size: settings.messageSize)
        for start in stride(from: 0, to: settings.messages, by: 1000) {
            let messages = (start..<min(start + 1000, settings.messages)).map { Self.message($0, queue: queue, body: body) }
            for result in await publisher.publish(batch: messages) {
                try result.get()
            }
        }
    }

    // MARK: Helpers

    private var sizeText: String {
        settings.messageSize % 1024 == 0 ? "\(settings.messageSize / 1024) KB" : "\(settings.messageSize) B"
    }

    /// Declares a fresh durable quorum queue, runs `body` with its name, and deletes it (also on failure).
    private func withQueue<Value: Sendable>(
        _ purpose: String,
        on connection: AMQPConnection,
        _ body: (String) async throws -> Value
    ) async throws -> Value {
        let queue = environment.brokerName(purpose)
        try await connection.declare(Topology(queues: [QueueDeclaration(name: queue, arguments: ["x-queue-type": "quorum"])]))
        let outcome = await Outcome.of { try await body(queue) }
        try? await connection.deleteQueue(queue)
        return try outcome.get()
    }

    /// Checks (by purging) that `queue` holds exactly `expected` ready messages.
    private func expectQueued(_ expected: Int, in queue: String, _ connection: AMQPConnection) async throws {
        let purged = try await connection.purge(queue: queue)
        guard purged == expected else {
            throw BenchError("queue \(queue) held \(purged) messages after the run, expected \(expected)")
        }
    }

    private func rate(_ count: Int, _ elapsed: Duration) -> Double {
        Double(count) / Formatting.seconds(elapsed)
    }

    /// The body both sides send: `size` bytes of a–z.
    static func body(size: Int) -> [UInt8] {
        (0..<size).map { UInt8(ascii: "a") + UInt8($0 % 26) }
    }

    /// The message both sides send: default exchange, mandatory, persistent, `application/json`, id `bench-<n>`.
    static func message(_ index: Int, queue: String, body: [UInt8]) -> OutgoingMessage {
        OutgoingMessage(
            exchange: "",
            routingKey: queue,
            body: body,
            properties: MessageProperties(contentType: "application/json", messageID: "bench-\(index + 1)", persistent: true),
            mandatory: true
        )
    }
}
