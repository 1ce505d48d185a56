import Contracts
import Foundation
import Messaging
import Outbox
import Testing
import WholesailTestSupport

/// Operators inspect and replay parked messages; replays never duplicate an effect.
@Suite("Dead-letter queue")
struct DeadLetterQueueTests {
    private func park(_ number: Int, bed: OutboxTestBed) async throws -> EventEnvelope<ThingHappened> {
        let envelope = try EventEnvelope(payload: ThingHappened(number: number), correlationID: "order-\(number)")
        try await bed.publisher.publish(OutgoingMessage(
            exchange: "",
            routingKey: bed.topology.deadLetterQueue,
            body: Array(try envelope.encoded()),
            properties: MessageProperties(
                messageID: envelope.id.description,
                type: envelope.type,
                headers: [
                    MessageHeaders.reason: "credit service timed out",
                    MessageHeaders.handler: "check-credit",
                    MessageHeaders.attempts: 4,
                    MessageHeaders.attempt: 4,
                    MessageHeaders.firstFailure: "2026-11-27T10:00:00.000Z",
                ]
            )
        ))
        return envelope
    }

    @Test func listingShowsWhyEachMessageWasParkedAndLeavesThemParked() async throws {
        try await OutboxTestBed.with("dlq-list") { bed in
            for number in 1...3 { _ = try await park(number, bed: bed) }
            let queue = DeadLetterQueue(topology: bed.topology, connection: bed.publisher)
            let listed = try await queue.list()
            #expect(listed.count == 3)
            #expect(listed.allSatisfy { $0.reason == "credit service timed out" && $0.handler == "check-credit" && $0.attempts == 4 })
            #expect(listed.first?.firstFailure == "2026-11-27T10:00:00.000Z")
            #expect(try await queue.list().count == 3)
        }
    }

    @Test func aDryRunReplaysNothing() async throws {
        try await OutboxTestBed.with("dlq-dry-run") { bed in
            let envelope = try await park(1, bed: bed)
            _ = try await park(2, bed: bed)
            let queue = DeadLetterQueue(topology: bed.topology, connection: bed.publisher)
            let wouldMove = try await queue.replay(.messageIDs([envelope.id.description]), dryRun: true)
            #expect(wouldMove.map(\.messageID) == [envelope.id.description])
            #expect(try await queue.list().count == 2)
            #expect(try await bed.drain(bed.topology.inboxQueue).isEmpty)
        }
    }

    @Test func replayingOneMessageMovesItToTheInboxWithItsRetryCountReset() async throws {
        try await OutboxTestBed.with("dlq-replay-one") { bed in
            let chosen = try await park(1, bed: bed)
            _ = try await park(2, bed: bed)
            let queue = DeadLetterQueue(topology: bed.topology, connection: bed.publisher)
            let moved = try await queue.replay(.messageIDs([chosen.id.description]))
            #expect(moved.count == 1)
            let inbox = try await bed.drain(bed.topology.inboxQueue)
            #expect(inbox.map(\.properties.messageID) == [chosen.id.description])
            #expect(inbox.first?.properties.headers[MessageHeaders.attempt] == nil)
            #expect(inbox.first?.properties.headers[DeadLetterQueue.replayedAtHeader] != nil)
            #expect(try await queue.list().map(\.messageID) != [chosen.id.description])
            #expect(try await queue.list().count == 1)
        }
    }

    @Test func aReplayedMessageIsAppliedOnceEvenWhenReplayedTwice() async throws {
        try await OutboxTestBed.with("dlq-replay-effect") { bed in
            let healthy = Locked(false)
            let handlers = bed.recordingHandlers { _ in
                if !healthy.value { throw TestEnvironmentError("downstream outage") }
            }
            let consumer = RunningServices([try bed.eventConsumer(handlers)], logger: bed.logger)
            let envelope = try EventEnvelope(payload: ThingHappened(number: 9), correlationID: "order-9")
            let message = OutgoingMessage(
                exchange: bed.topology.exchange, routingKey: envelope.type, body: Array(try envelope.encoded()),
                properties: MessageProperties(messageID: envelope.id.description, type: envelope.type)
            )
            try await bed.publisher.publish(message)
            let queue = DeadLetterQueue(topology: bed.topology, connection: bed.publisher)
            #expect(try await bed.eventually { try await queue.list().count == 1 })

            healthy.withLock { $0 = true }
            #expect(try await queue.replay(.all).count == 1)
            #expect(try await bed.eventually { try await bed.effects().total == 1 })
            // A second replay of the same event (say, from a stale export) has no effect.
            try await bed.publisher.publish(OutgoingMessage(exchange: "", routingKey: bed.topology.deadLetterQueue, body: message.body, properties: message.properties))
            #expect(try await queue.replay(.all).count == 1)
            try await Task.sleep(for: .milliseconds(500))
            try await consumer.stop()
            #expect(try await bed.effects().total == 1)
            #expect(try await queue.list().isEmpty)
        }
    }
}
