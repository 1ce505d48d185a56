import Foundation
import Messaging
import Synchronization
import Testing
import WholesailTestSupport

/// Publishing, consuming and failure reporting against the real broker (`deploy/local/stack up`).
@Suite("AMQP connection against RabbitMQ")
struct AMQPConnectionTests {
    /// A classic, durable queue private to one test; deleted afterwards.
    private func privateQueue(_ connection: AMQPConnection, _ prefix: String, arguments: [String: AMQPHeaderValue] = [:]) async throws -> String {
        let name = AMQPTestEnvironment.uniqueName(prefix)
        try await connection.declare(Topology(queues: [QueueDeclaration(name: name, arguments: arguments)]))
        return name
    }

    private func message(to queue: String, body: [UInt8], id: String) -> OutgoingMessage {
        OutgoingMessage(exchange: "", routingKey: queue, body: body, properties: MessageProperties(messageID: id))
    }

    @Test func tenThousandPersistentOneKilobyteMessagesArriveIntact() async throws {
        let publisher = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("publisher"))
        let consumer = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("consumer"))
        let queue = try await privateQueue(publisher, "tenk", arguments: ["x-queue-type": "quorum"])

        var generator = SystemRandomNumberGenerator()
        var sent: [String: [UInt8]] = [:]
        var batch: [OutgoingMessage] = []
        for index in 0..<10_000 {
            let body = (0..<1024).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let id = "message-\(index)"
            sent[id] = body
            batch.append(message(to: queue, body: body, id: id))
        }
        // Pipelined: 20 batches of 500 in flight together.
        let failures = await withTaskGroup(of: Int.self) { group in
            for start in stride(from: 0, to: batch.count, by: 500) {
                let slice = Array(batch[start..<min(start + 500, batch.count)])
                group.addTask {
                    await publisher.publish(batch: slice).filter { (try? $0.get()) == nil }.count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)

        var received: [String: [UInt8]] = [:]
        for try await delivery in try await consumer.consume(queue: queue, prefetch: 200) {
            received[delivery.properties.messageID ?? "missing"] = delivery.body
            delivery.ack()
            if received.count == sent.count { break }
        }
        #expect(received.count == 10_000)
        #expect(received == sent)
        try await publisher.deleteQueue(queue)
        await publisher.close()
        await consumer.close()
    }

    /// `basic.get` on a connection whose consumer is receiving at the same time: deliveries that arrive while the get
    /// waits for its answer must reach the consumer, and the got message must be its own (they once were read as its
    /// content: "unexpected protocol state").
    @Test func gettingWhileAConsumerOnTheSameConnectionReceivesKeepsBothStreamsIntact() async throws {
        let publisher = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("get-publisher"))
        let connection = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("get-and-consume"))
        let consumed = try await privateQueue(publisher, "consumed")
        let polled = try await privateQueue(publisher, "polled")
        let gets = 300
        for result in await publisher.publish(batch: (0..<gets).map { message(to: polled, body: Array("polled-\($0)".utf8), id: "p\($0)") }) {
            try result.get()
        }
        let streamed = 3_000
        let feeding = Task {
            for start in stride(from: 0, to: streamed, by: 100) {
                for result in await publisher.publish(batch: (start..<start + 100).map { message(to: consumed, body: Array("consumed-\($0)".utf8), id: "c\($0)") }) {
                    try result.get()
                }
            }
        }
        let consuming = Task { () -> Set<String> in
            var bodies = Set<String>()
            for try await delivery in try await connection.consume(queue: consumed, prefetch: 500) {
                bodies.insert(String(decoding: delivery.body, as: UTF8.self))
                delivery.ack()
                if bodies.count == streamed { break }
            }
            return bodies
        }
        var got = Set<String>()
        for _ in 0..<gets {
            let delivery = try #require(try await connection.get(queue: polled))
            got.insert(String(decoding: delivery.body, as: UTF8.self))
            delivery.ack()
        }
        try await feeding.value
        let bodies = try await consuming.value
        #expect(got == Set((0..<gets).map { "polled-\($0)" }))
        #expect(bodies == Set((0..<streamed).map { "consumed-\($0)" }))
        try await publisher.deleteQueue(consumed)
        try await publisher.deleteQueue(polled)
        await publisher.close()
        await connection.close()
    }

    @Test func propertiesAndHeadersSurviveTheRoundTrip() async throws {
        let connection = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("properties"))
        let queue = try await privateQueue(connection, "properties")
        let timestamp = Date(timeIntervalSince1970: 1_795_000_000)
        let properties = MessageProperties(
            messageID: "0190f3f2-0000-7000-8000-000000000001",
            type: "orders.order.received.v1",
            correlationID: "order-42",
            timestamp: timestamp,
            headers: [
                "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "x-wholesail-attempt": 2,
                "x-flag": true,
                "x-nested": .table(["list": .array([1, "two"])]),
            ]
        )
        try await connection.publish(OutgoingMessage(exchange: "", routingKey: queue, body: Array("{}".utf8), properties: properties))
        let delivery = try #require(try await connection.get(queue: queue))
        delivery.ack()
        #expect(delivery.properties == properties)
        #expect(delivery.routingKey == queue)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test func unroutableMandatoryPublishFails() async throws {
        let connection = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("unroutable"))
        let exchange = AMQPTestEnvironment.uniqueName("no-bindings")
        try await connection.declare(Topology(exchanges: [ExchangeDeclaration(name: exchange, kind: .topic, durable: false)]))
        let error = await #expect(throws: AMQPError.self) {
            try await connection.publish(OutgoingMessage(
                exchange: exchange, routingKey: "nobody.listens.here.v1", body: [1],
                properties: MessageProperties(messageID: "lonely")
            ))
        }
        #expect(error?.code == .unroutable)
        #expect(error?.replyCode == 312)
        // A returned message does not disturb the next publish on the same connection.
        let queue = try await privateQueue(connection, "after-return")
        try await connection.publish(message(to: queue, body: [2], id: "fine"))
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test func publishingToAMissingExchangeFailsAndTheConnectionRecovers() async throws {
        let connection = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("missing-exchange"))
        let error = await #expect(throws: AMQPError.self) {
            try await connection.publish(OutgoingMessage(exchange: AMQPTestEnvironment.uniqueName("absent"), routingKey: "x", body: [1]))
        }
        #expect(error?.code == .connectionLost || error?.code == .brokerRefused)
        try await connection.waitUntilConnected(timeout: .seconds(10))
        let queue = try await privateQueue(connection, "recovered")
        try await connection.publish(message(to: queue, body: [3], id: "after"))
        #expect(try await connection.get(queue: queue)?.body == [3])
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test func mismatchedRedeclarationIsReportedWithTheBrokersReason() async throws {
        let connection = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("redeclare"))
        let queue = try await privateQueue(connection, "redeclare", arguments: ["x-queue-type": "quorum"])
        let error = await #expect(throws: AMQPError.self) {
            try await connection.declare(Topology(queues: [QueueDeclaration(name: queue, arguments: ["x-queue-type": "classic"])]))
        }
        #expect(error?.code == .brokerRefused)
        #expect(error?.replyCode == 406)
        try await connection.waitUntilConnected(timeout: .seconds(10))
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test func consumerResumesAfterTheBrokerDropsTheConnection() async throws {
        let name = AMQPTestEnvironment.uniqueName("resume")
        let connection = try await AMQPTestEnvironment.connect(name: name)
        let publisher = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("resume-publisher"))
        let queue = try await privateQueue(publisher, "resume")
        let consumer = try await connection.consume(queue: queue, prefetch: 10)
        var iterator = consumer.makeAsyncIterator()

        try await publisher.publish(message(to: queue, body: [1], id: "before"))
        let first = try #require(try await iterator.next())
        #expect(first.body == [1])
        first.ack()

        try await RabbitMQManagement().closeConnections(named: name)
        try await publisher.publish(message(to: queue, body: [2], id: "after"))
        let second = try #require(try await iterator.next())
        #expect(second.body == [2])
        second.ack()
        #expect(connection.isConnected)

        await consumer.cancel()
        try await publisher.deleteQueue(queue)
        await connection.close()
        await publisher.close()
    }

    @Test func anAckFromADeadConnectionIsNotSentOnTheNewOne() async throws {
        let name = AMQPTestEnvironment.uniqueName("stale-ack")
        let connection = try await AMQPTestEnvironment.connect(name: name)
        let queue = try await privateQueue(connection, "stale-ack")
        try await connection.publish(message(to: queue, body: [1], id: "one"))
        try await connection.publish(message(to: queue, body: [2], id: "two"))

        let consumer = try await connection.consume(queue: queue, prefetch: 1)
        var iterator = consumer.makeAsyncIterator()
        let stale = try #require(try await iterator.next())
        try await RabbitMQManagement().closeConnections(named: name)
        // After the reconnect the broker redelivers; tag 1 now names a different delivery.
        let redelivered = try #require(try await iterator.next())
        #expect(redelivered.redelivered)
        stale.ack()  // must be dropped, not applied to the new connection's tag 1
        await consumer.cancel()
        await connection.close()

        let checker = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("stale-check"))
        let remaining = try await checker.purge(queue: queue)
        #expect(remaining == 2)
        try await checker.deleteQueue(queue)
        await checker.close()
    }

    @Test func unconfirmedPublishesFailWhenTheConnectionDrops() async throws {
        let name = AMQPTestEnvironment.uniqueName("inflight")
        let connection = try await AMQPTestEnvironment.connect(name: name)
        let queue = try await privateQueue(connection, "inflight", arguments: ["x-queue-type": "quorum"])
        let body = [UInt8](repeating: 7, count: 64 * 1024)
        let messages = (0..<3000).map { message(to: queue, body: body, id: "m\($0)") }
        async let results = connection.publish(batch: messages)
        try await RabbitMQManagement().closeConnections(named: name)
        let outcomes = await results
        let confirmed = outcomes.filter { (try? $0.get()) != nil }.count
        let failed = outcomes.count - confirmed
        // Every publish has an answer; those without a confirm failed as retryable.
        #expect(confirmed + failed == 3000)
        for case .failure(let error) in outcomes {
            #expect(error.isRetryable)
        }
        try await connection.waitUntilConnected(timeout: .seconds(10))
        // Confirmed means stored: at least that many are in the queue.
        let stored = try await connection.purge(queue: queue)
        #expect(Int(stored) >= confirmed)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test func idleConnectionStaysUpThroughHeartbeats() async throws {
        let connection = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("heartbeat")) {
            $0.heartbeat = .seconds(1)
        }
        let drops = Mutex(0)
        let watcher = Task {
            while !Task.isCancelled {
                if !connection.isConnected { drops.withLock { $0 += 1 } }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        // Four heartbeat intervals idle: the broker closes connections that miss two.
        try await Task.sleep(for: .seconds(4))
        watcher.cancel()
        #expect(drops.withLock { $0 } == 0)
        #expect(connection.isConnected)
        await connection.close()
    }

    @Test func retryQueueDeadLettersBackIntoTheInboxAfterItsDelay() async throws {
        let connection = try await AMQPTestEnvironment.connect(name: AMQPTestEnvironment.uniqueName("retry-topology"))
        let topology = ServiceTopology(service: AMQPTestEnvironment.uniqueName("svc"), bindingKeys: ["test.thing.happened.v1"], retryDelays: [.milliseconds(300)])
        try await connection.declare(topology.topology)
        try await connection.declare(topology.topology)  // idempotent
        let started = ContinuousClock.now
        try await connection.publish(message(to: topology.retryQueue(1), body: [9], id: "retry-me"))
        var delivery: Delivery?
        while delivery == nil, ContinuousClock.now - started < .seconds(10) {
            delivery = try await connection.get(queue: topology.inboxQueue)
            if delivery == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let arrived = try #require(delivery)
        arrived.ack()
        #expect(arrived.body == [9])
        #expect(ContinuousClock.now - started >= .milliseconds(250))
        for queue in topology.topology.queues.map(\.name) where queue != ServiceTopology.unroutedQueue {
            try await connection.deleteQueue(queue)
        }
        await connection.close()
    }
}
