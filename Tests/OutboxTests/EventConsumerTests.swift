import Contracts
import Foundation
import Messaging
import Outbox
import Persistence
import Synchronization
import Testing
import WholesailTestSupport

/// The consumer runner: exactly-once effects, retries, parking, shutdown — real broker, real database.
@Suite("Event consumer")
struct EventConsumerTests {
    /// Publishes an envelope the way the relay does: to the events exchange, keyed by its type.
    private func publish<Payload: EventPayload>(_ envelope: EventEnvelope<Payload>, bed: OutboxTestBed, toQueue queue: String? = nil) async throws {
        try await bed.publisher.publish(OutgoingMessage(
            exchange: queue == nil ? bed.topology.exchange : "",
            routingKey: queue ?? envelope.type,
            body: Array(try envelope.encoded()),
            properties: MessageProperties(messageID: envelope.id.description, type: envelope.type, correlationID: envelope.correlationID)
        ))
    }

    private func thing(_ number: Int, aggregate: String = "order-1") throws -> EventEnvelope<ThingHappened> {
        try EventEnvelope(payload: ThingHappened(number: number), correlationID: aggregate)
    }

    /// Waits for `count` parked messages and returns them (the DLQ is emptied).
    private func parked(_ bed: OutboxTestBed, count: Int) async throws -> [Delivery] {
        var collected: [Delivery] = []
        _ = try await bed.eventually {
            collected += try await bed.drain(bed.topology.deadLetterQueue)
            return collected.count >= count
        }
        return collected
    }

    @Test func aHandlerFailingTwiceThenSucceedingGetsThreeDeliveriesAndHasOneEffect() async throws {
        try await OutboxTestBed.with("consumer-flaky") { bed in
            let calls = Mutex(0)
            let handlers = bed.recordingHandlers { _ in
                let call = calls.withLock { $0 += 1; return $0 }
                if call <= 2 { throw TestEnvironmentError("transient failure \(call)") }
            }
            let consumer = RunningServices([try bed.eventConsumer(handlers)], logger: bed.logger)
            try await publish(try thing(1), bed: bed)
            #expect(try await bed.eventually { try await bed.effects().total == 1 })
            try await Task.sleep(for: .milliseconds(500))
            try await consumer.stop()
            #expect(calls.withLock { $0 } == 3)
            #expect(try await bed.effects().total == 1)
            #expect(try await bed.drain(bed.topology.deadLetterQueue).isEmpty)
        }
    }

    @Test func aHandlerThatAlwaysFailsIsParkedAfterTheConfiguredAttemptsWithTheReason() async throws {
        try await OutboxTestBed.with("consumer-poison") { bed in
            let calls = Mutex(0)
            let handlers = bed.recordingHandlers(named: "always-fails") { _ in
                calls.withLock { $0 += 1 }
                throw TestEnvironmentError("the warehouse service is on fire")
            }
            let consumer = RunningServices([try bed.eventConsumer(handlers)], logger: bed.logger)
            let envelope = try thing(1)
            try await publish(envelope, bed: bed)
            let parked = try await parked(bed, count: 1)
            try await consumer.stop()

            #expect(parked.count == 1)
            let headers = try #require(parked.first?.properties.headers)
            #expect(headers[MessageHeaders.reason]?.stringValue?.contains("the warehouse service is on fire") == true)
            #expect(headers[MessageHeaders.handler] == .string("always-fails"))
            #expect(headers[MessageHeaders.attempts] == .integer(3))
            #expect(headers[MessageHeaders.firstFailure]?.stringValue != nil)
            #expect(headers[MessageHeaders.originalRoutingKey] == .string(envelope.type))
            #expect(parked.first?.body == Array(try envelope.encoded()))
            #expect(calls.withLock { $0 } == 3)  // 1 + the two configured retries
            #expect(try await bed.effects().total == 0)
        }
    }

    @Test func aBodyThatIsNotJSONIsParkedAtOnce() async throws {
        try await OutboxTestBed.with("consumer-garbage") { bed in
            let calls = Mutex(0)
            let consumer = RunningServices([try bed.eventConsumer(bed.recordingHandlers { _ in calls.withLock { $0 += 1 } })], logger: bed.logger)
            try await bed.publisher.publish(OutgoingMessage(exchange: "", routingKey: bed.topology.inboxQueue, body: Array("<xml>not json</xml>".utf8)))
            let parked = try await parked(bed, count: 1)
            try await consumer.stop()
            #expect(parked.first?.properties.headers[MessageHeaders.reason]?.stringValue?.hasPrefix("undecodable envelope") == true)
            #expect(parked.first?.properties.headers[MessageHeaders.attempts] == .integer(1))
            #expect(calls.withLock { $0 } == 0)
        }
    }

    @Test func anUnknownEventTypeIsParkedAtOnce() async throws {
        try await OutboxTestBed.with("consumer-unknown") { bed in
            let consumer = RunningServices([try bed.eventConsumer(bed.recordingHandlers())], logger: bed.logger)
            let forgotten = try EventEnvelope(payload: ThingForgotten(number: 3), correlationID: "x")
            try await publish(forgotten, bed: bed, toQueue: bed.topology.inboxQueue)
            let parked = try await parked(bed, count: 1)
            try await consumer.stop()
            #expect(parked.first?.properties.headers[MessageHeaders.reason] == .string("no handler for event type 'tests.thing.forgotten.v1'"))
            #expect(parked.first?.properties.headers[MessageHeaders.attempts] == .integer(1))
        }
    }

    @Test func aPayloadThatDoesNotMatchItsTypeIsParkedAtOnce() async throws {
        try await OutboxTestBed.with("consumer-bad-payload") { bed in
            let consumer = RunningServices([try bed.eventConsumer(bed.recordingHandlers())], logger: bed.logger)
            let envelope = try thing(1)
            var object = try #require(try JSONSerialization.jsonObject(with: envelope.encoded()) as? [String: Any])
            object["payload"] = ["number": "not a number"]
            try await bed.publisher.publish(OutgoingMessage(exchange: "", routingKey: bed.topology.inboxQueue, body: Array(try JSONSerialization.data(withJSONObject: object))))
            let parked = try await parked(bed, count: 1)
            try await consumer.stop()
            #expect(parked.first?.properties.headers[MessageHeaders.reason]?.stringValue?.contains("payload is not a valid tests.thing.happened.v1") == true)
            #expect(try await bed.effects().total == 0)
        }
    }

    @Test func otherMessagesKeepFlowingWhileAPoisonMessageIsRetriedAndParked() async throws {
        try await OutboxTestBed.with("consumer-flow", retryDelays: [.milliseconds(300), .milliseconds(300)]) { bed in
            let handlers = bed.recordingHandlers { event in
                if event.payload.number == 0 { throw TestEnvironmentError("poison") }
            }
            let consumer = RunningServices([try bed.eventConsumer(handlers, concurrency: 2)], logger: bed.logger)
            try await publish(try thing(0, aggregate: "poisoned"), bed: bed)
            try await bed.publisher.publish(OutgoingMessage(exchange: "", routingKey: bed.topology.inboxQueue, body: Array("garbage".utf8)))
            for number in 1...50 {
                try await publish(try thing(number, aggregate: "order-\(number)"), bed: bed)
            }
            #expect(try await bed.eventually { try await bed.effects().total == 50 })
            let parked = try await parked(bed, count: 2)
            try await consumer.stop()
            #expect(parked.count == 2)
            let effects = try await bed.effects()
            #expect(effects.total == 50)
            #expect(effects.duplicated == 0)
        }
    }

    @Test func aDuplicateDeliveryHasNoSecondEffect() async throws {
        try await OutboxTestBed.with("consumer-duplicate") { bed in
            let consumer = RunningServices([try bed.eventConsumer(bed.recordingHandlers())], logger: bed.logger)
            let envelope = try thing(5)
            try await publish(envelope, bed: bed)
            try await publish(envelope, bed: bed)
            try await publish(try thing(6), bed: bed)
            #expect(try await bed.eventually { try await bed.effects().total == 2 })
            try await Task.sleep(for: .milliseconds(500))
            try await consumer.stop()
            let effects = try await bed.effects()
            #expect(effects.total == 2)
            #expect(effects.duplicated == 0)
            #expect(try await bed.pool.query("SELECT count(*) FROM inbox").first.orThrow("no row").decode(Int.self, at: 0) == 2)
        }
    }

    @Test func eventsOfOneCorrelationIDAreHandledInPublishOrder() async throws {
        try await OutboxTestBed.with("consumer-order") { bed in
            let consumer = RunningServices([try bed.eventConsumer(bed.recordingHandlers(), concurrency: 4)], logger: bed.logger)
            for number in 0..<60 {
                try await publish(try thing(number, aggregate: "order-\(number % 3)"), bed: bed)
            }
            #expect(try await bed.eventually { try await bed.effects().total == 60 })
            try await consumer.stop()
            for aggregate in 0..<3 {
                let numbers = try await bed.pool.query(
                    "SELECT number FROM effects WHERE number % 3 = $1 ORDER BY id", aggregate
                ).map { try $0.decode(Int.self, at: 0) }
                #expect(numbers == numbers.sorted())
                #expect(numbers.count == 20)
            }
        }
    }

    @Test func gracefulShutdownFinishesWhatItHoldsAndAcknowledgesNothingUnprocessed() async throws {
        try await OutboxTestBed.with("consumer-shutdown") { bed in
            // After the first four, handlers wait until shutdown begins: however slow the machine, the consumer
            // cannot have worked through all sixty before it is told to stop.
            let stopping = Locked(false)
            let started = Locked(0)
            let handlers = bed.recordingHandlers { _ in
                let position = started.withLock { count in
                    count += 1
                    return count
                }
                if position > 4 {
                    while !stopping.value { try await Task.sleep(for: .milliseconds(10)) }
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            // One message per transaction: the first four commit on their own while the rest wait (in a batch they
            // would wait uncommitted behind the fifth).
            let consumer = RunningServices([try bed.eventConsumer(handlers, concurrency: 2, prefetch: 8, batchSize: 1)], logger: bed.logger)
            var published: Set<String> = []
            for number in 0..<60 {
                let envelope = try thing(number, aggregate: "order-\(number)")
                try await publish(envelope, bed: bed)
                published.insert(envelope.id.description)
            }
            #expect(try await bed.eventually { try await bed.effects().total >= 4 })
            stopping.withLock { $0 = true }
            try await consumer.stop()

            let applied = Set(try await bed.pool.query("SELECT event_id FROM effects").map { try $0.decode(String.self, at: 0) })
            let remaining = Set(try await bed.drain(bed.topology.inboxQueue).compactMap(\.properties.messageID))
            #expect(applied.count < 60, "shutdown should have stopped the consumer early")
            #expect(applied.isDisjoint(with: remaining))
            #expect(applied.union(remaining) == published)
        }
    }

    // MARK: Batches

    @Test func gracefulShutdownCommitsTheBatchesItHoldsAndLeavesTheRestQueued() async throws {
        try await OutboxTestBed.with("consumer-batch-shutdown") { bed in
            let handlers = bed.recordingHandlers { _ in try await Task.sleep(for: .milliseconds(20)) }
            var published: Set<String> = []
            for number in 0..<120 {
                let envelope = try thing(number, aggregate: "order-\(number % 7)")
                try await publish(envelope, bed: bed)
                published.insert(envelope.id.description)
            }
            let consumer = RunningServices([try bed.eventConsumer(handlers, concurrency: 2, prefetch: 16, batchSize: 8)], logger: bed.logger)
            #expect(try await bed.eventually { try await bed.effects().total >= 1 })
            try await consumer.stop()

            let applied = Set(try await bed.pool.query("SELECT event_id FROM effects").map { try $0.decode(String.self, at: 0) })
            let remaining = Set(try await bed.drain(bed.topology.inboxQueue).compactMap(\.properties.messageID))
            #expect(applied.count < 120, "shutdown should have stopped the consumer early")
            #expect(applied.isDisjoint(with: remaining))
            #expect(applied.union(remaining) == published)
        }
    }

    /// The rows a transaction inserted share its `xmin`: the number of distinct ones is the number of commits.
    private func inboxTransactions(_ bed: OutboxTestBed) async throws -> Int {
        try await bed.pool.query("SELECT count(DISTINCT xmin::text) FROM inbox").first.orThrow("no row").decode(Int.self, at: 0)
    }

    @Test func aBacklogIsAppliedInBatchesOfAtMostTheBatchSizeOneCommitEach() async throws {
        try await OutboxTestBed.with("consumer-batches") { bed in
            for number in 1...40 {
                try await publish(try thing(number), bed: bed)
            }
            let consumer = RunningServices([try bed.eventConsumer(bed.recordingHandlers(), concurrency: 1, prefetch: 64, batchSize: 4)], logger: bed.logger)
            #expect(try await bed.eventually { try await bed.effects().total == 40 })
            try await consumer.stop()
            let transactions = try await inboxTransactions(bed)
            #expect(transactions < 40, "a queued backlog should share commits")
            #expect(transactions >= 10, "no commit may hold more than the batch size")
            let numbers = try await bed.pool.query("SELECT number FROM effects ORDER BY id").map { try $0.decode(Int.self, at: 0) }
            #expect(numbers == Array(1...40))
        }
    }

    @Test func aFailingMessageInABatchIsParkedAloneAndItsNeighboursAreAppliedOnce() async throws {
        try await OutboxTestBed.with("consumer-batch-poison", retryDelays: [.milliseconds(100)]) { bed in
            let handlers = bed.recordingHandlers { event in
                if event.payload.number == 7 { throw TestEnvironmentError("line 7 refers to an unknown SKU") }
            }
            for number in 1...20 {
                try await publish(try thing(number), bed: bed)
            }
            let consumer = RunningServices([try bed.eventConsumer(handlers, concurrency: 1, prefetch: 64, batchSize: 16)], logger: bed.logger)
            let parked = try await parked(bed, count: 1)
            #expect(try await bed.eventually { try await bed.effects().total == 19 })
            try await Task.sleep(for: .milliseconds(300))
            try await consumer.stop()
            #expect(parked.count == 1)
            #expect(parked.first?.properties.headers[MessageHeaders.reason]?.stringValue?.contains("unknown SKU") == true)
            let effects = try await bed.effects()
            #expect(effects.total == 19)
            #expect(effects.duplicated == 0)
            let numbers = try await bed.pool.query("SELECT number FROM effects ORDER BY number").map { try $0.decode(Int.self, at: 0) }
            #expect(numbers == Array(1...20).filter { $0 != 7 })
        }
    }

    @Test func aDuplicateInsideOneBatchHasNoSecondEffect() async throws {
        try await OutboxTestBed.with("consumer-batch-duplicate") { bed in
            let envelope = try thing(3)
            try await publish(try thing(1), bed: bed)
            try await publish(envelope, bed: bed)
            try await publish(envelope, bed: bed)
            try await publish(try thing(4), bed: bed)
            let consumer = RunningServices([try bed.eventConsumer(bed.recordingHandlers(), concurrency: 1, prefetch: 64, batchSize: 16)], logger: bed.logger)
            #expect(try await bed.eventually { try await bed.effects().total == 3 })
            try await Task.sleep(for: .milliseconds(300))
            try await consumer.stop()
            let effects = try await bed.effects()
            #expect(effects.total == 3)
            #expect(effects.duplicated == 0)
            #expect(try await bed.drain(bed.topology.inboxQueue).isEmpty)
        }
    }
}
