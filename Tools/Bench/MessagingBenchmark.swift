import Foundation
import Messaging

/// Publish-with-confirms and consume-with-acks throughput: the Swift `Messaging` layer against C loops
/// over rabbitmq-c, each run on a fresh durable quorum queue of its own.
///
/// The work is split into `rounds`, and each round runs the baseline and the Swift variants back to
/// back, so drifting load from other processes on a shared machine hits both sides alike.
struct MessagingBenchmark: Sendable {
    let environment: BenchEnvironment
    let settings: FoundationSettings

    private var baseline: RabbitMQBaseline { RabbitMQBaseline(configuration: environment.amqp) }

    struct Result: Sendable {
        var rows: [ComparisonRow]
        /// The C publish loop's rate, the baseline of the outbox relay's throughput too.
        var cPublishRate: Double
        /// CPU microseconds per message (whole process, user + system) of each variant, in this order:
        /// C publish, Swift publish(_:), Swift publish(batch:), C consume, Swift consume.
        var cpuPerMessage: [Double]
    }

    func run() async throws -> Result {
        let publisher = try await environment.connectBroker(role: "publisher")
        let consumer: AMQPConnection
        do {
            consumer = try await environment.connectBroker(role: "consumer")
        } catch {
            await publisher.close()
            throw error
        }
        let outcome = await Outcome.of { try await measure(publisher: publisher, consumer: consumer) }
        await consumer.close()
        await publisher.close()
        return try outcome.get()
    }

    private func measure(publisher: AMQPConnection, consumer: AMQPConnection) async throws -> Result {
        let rounds = settings.rounds
        let perRound = max(1, settings.messages / rounds)
        let window = settings.publishWindow
        let prefetch = settings.prefetch
        let size = settings.messageSize
        var cPublish = RunTally()
        var swiftPublish = RunTally()
        var swiftBatch = RunTally()
        var cConsume = RunTally()
        var swiftConsume = RunTally()
        for round in 1...rounds {
            try await withQueue("publish-c-\(round)", on: publisher) { queue in
                try await cPublish.add(perRound) {
                    try await baseline.publish(queue: queue, count: perRound, window: window, bodySize: size)
                }
                try await expectQueued(perRound, in: queue, publisher)
            }
            try await withQueue("publish-swift-\(round)", on: publisher) { queue in
                try await swiftPublish.add(perRound) { try await publishPipelined(queue: queue, count: perRound, publisher) }
                try await expectQueued(perRound, in: queue, publisher)
            }
            try await withQueue("publish-swift-batch-\(round)", on: publisher) { queue in
                try await swiftBatch.add(perRound) { try await publishInBatches(queue: queue, count: perRound, publisher) }
                try await expectQueued(perRound, in: queue, publisher)
            }
            try await withQueue("consume-c-\(round)", on: publisher) { queue in
                try await fill(queue, count: perRound, publisher)
                try await cConsume.add(perRound) {
                    try await baseline.consume(queue: queue, count: perRound, prefetch: prefetch, bodySize: size)
                }
                try await expectQueued(0, in: queue, publisher)
            }
            try await withQueue("consume-swift-\(round)", on: publisher) { queue in
                try await fill(queue, count: perRound, publisher)
                try await swiftConsume.add(perRound) { try await consumeWithSwift(queue: queue, count: perRound, consumer) }
                try await expectQueued(0, in: queue, publisher)
            }
        }
        Console.progress("publish, C rabbitmq-c loop, window \(window): \(describe(cPublish))")
        Console.progress("publish, Swift publish(_:) with \(window) callers: \(describe(swiftPublish))")
        Console.progress("publish, Swift publish(batch:) of \(window): \(describe(swiftBatch))")
        Console.progress("consume, C rabbitmq-c loop, prefetch \(prefetch): \(describe(cConsume))")
        Console.progress("consume, Swift consume(queue:prefetch:) + ack(): \(describe(swiftConsume))")

        let figure = "publish, confirms, \(sizeText) persistent"
        return Result(
            rows: [
                ComparisonRow(
                    figure: "\(figure), \(window) in flight (publish(_:) × \(window) tasks)",
                    swift: swiftPublish.rate, baseline: cPublish.rate, unit: "msg/s", baselineSource: "C rabbitmq-c"
                ),
                ComparisonRow(
                    figure: "\(figure), publish(batch:) \(window) per call",
                    swift: swiftBatch.rate, baseline: cPublish.rate, unit: "msg/s", baselineSource: "C rabbitmq-c"
                ),
                ComparisonRow(
                    figure: "consume, manual ack, prefetch \(prefetch), \(sizeText)",
                    swift: swiftConsume.rate, baseline: cConsume.rate, unit: "msg/s", baselineSource: "C rabbitmq-c"
                ),
            ],
            cPublishRate: cPublish.rate,
            cpuPerMessage: [cPublish, swiftPublish, swiftBatch, cConsume, swiftConsume].map(\.cpuMicrosecondsPerItem)
        )
    }

    // MARK: Publishing

    /// `window` tasks, each publishing and awaiting its confirm in turn: at most `window` unconfirmed.
    private func publishPipelined(queue: String, count: Int, _ publisher: AMQPConnection) async throws -> Duration {
        let next = SharedCounter()
        let body = Self.body(size: settings.messageSize)
        return try await ContinuousClock().measure {
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
    private func publishInBatches(queue: String, count: Int, _ publisher: AMQPConnection) async throws -> Duration {
        let window = settings.publishWindow
        let body = Self.body(size: settings.messageSize)
        return try await ContinuousClock().measure {
            for start in stride(from: 0, to: count, by: window) {
                let messages = (start..<min(start + window, count)).map { Self.message($0, queue: queue, body: body) }
                for result in await publisher.publish(batch: messages) {
                    try result.get()
                }
            }
        }
    }

    // MARK: Consuming

    /// From `consume` (basic.qos + basic.consume) to the consumer's cancel-ok, acking each message: as the C loop.
    private func consumeWithSwift(queue: String, count: Int, _ consumer: AMQPConnection) async throws -> Duration {
        let size = settings.messageSize
        return try await ContinuousClock().measure {
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
    private func fill(_ queue: String, count: Int, _ publisher: AMQPConnection) async throws {
        let body = Self.body(size: settings.messageSize)
        for start in stride(from: 0, to: count, by: 1000) {
            let messages = (start..<min(start + 1000, count)).map { Self.message($0, queue: queue, body: body) }
            for result in await publisher.publish(batch: messages) {
                try result.get()
            }
        }
    }

    // MARK: Helpers

    private var sizeText: String {
        settings.messageSize % 1024 == 0 ? "\(settings.messageSize / 1024) KB" : "\(settings.messageSize) B"
    }

    private func describe(_ tally: RunTally) -> String {
        "\(Formatting.rate(tally.rate)) msg/s, " + String(format: "%.1f µs CPU per message", tally.cpuMicrosecondsPerItem)
    }

    /// Declares a fresh durable quorum queue, runs `body` with its name, and deletes it (also on failure).
    private func withQueue<Value>(
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
