import Contracts
import Foundation
import Messaging
import Outbox
import Testing
import WholesailTestSupport
@testable import Wholesailctl

/// `dlq list` and `dlq replay` against the real broker, on a private service name and exchange (``OutboxTestBed``).
@Suite("wholesailctl dlq")
struct DeadLetterCommandTests {
    /// Parks an event in the bed's `<service>.dlq` with the headers the consumer writes when it gives up.
    @discardableResult
    private func park(_ number: Int, bed: OutboxTestBed, reason: String = "credit service timed out") async throws -> EventEnvelope<ThingHappened> {
        let envelope = try EventEnvelope(payload: ThingHappened(number: number), correlationID: "order-\(number)")
        try await bed.publisher.publish(OutgoingMessage(
            exchange: "",
            routingKey: bed.topology.deadLetterQueue,
            body: Array(try envelope.encoded()),
            properties: MessageProperties(
                messageID: envelope.id.description,
                type: envelope.type,
                correlationID: "order-\(number)",
                headers: [
                    MessageHeaders.reason: .string(reason),
                    MessageHeaders.handler: "check-credit",
                    MessageHeaders.attempts: 4,
                    MessageHeaders.attempt: 4,
                    MessageHeaders.firstFailure: "2026-11-27T10:00:00.000Z",
                ]
            )
        ))
        return envelope
    }

    private func parkedIDs(_ bed: OutboxTestBed) async throws -> [String?] {
        try await DeadLetterQueue(topology: bed.topology, connection: bed.publisher).list().map(\.messageID)
    }

    private var broker: [String] { ["--amqp-url", TestServers.amqpURL] }

    @Test func listShowsWhyAndWhereEachMessageWasParkedAndLeavesThemParked() async throws {
        try await OutboxTestBed.with("ctl-dlq-list") { bed in
            let first = try await park(1, bed: bed)
            let second = try await park(2, bed: bed, reason: "tax engine said:\nno rate for XX")
            let run = await WholesailctlRun.run(["dlq", "list", bed.topology.service] + broker)
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.first == "\(bed.topology.deadLetterQueue): 2 parked message(s)")
            #expect(run.output.contains("\(first.id)  tests.thing.happened.v1  correlation order-1"), "\(run.text)")
            #expect(run.output.contains("\(second.id)  tests.thing.happened.v1  correlation order-2"), "\(run.text)")
            #expect(run.output.contains("  handler check-credit, 4 attempt(s), first failure 2026-11-27T10:00:00.000Z"))
            #expect(run.output.contains("  reason: credit service timed out"))
            #expect(run.output.contains("  reason: tax engine said: no rate for XX"), "a reason stays on one line")
            #expect(try await parkedIDs(bed) == [first.id.description, second.id.description])
        }
    }

    @Test func listAsJSONHasOneObjectPerParkedMessageWithEveryField() async throws {
        try await OutboxTestBed.with("ctl-dlq-json") { bed in
            let envelope = try await park(7, bed: bed)
            let run = await WholesailctlRun.run(["dlq", "list", bed.topology.service, "--json"] + broker)
            #expect(run.status == 0, "\(run.errors)")
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(run.text.utf8)) as? [[String: Any]])
            #expect(objects.count == 1)
            let object = try #require(objects.first)
            #expect(object["messageID"] as? String == envelope.id.description)
            #expect(object["eventType"] as? String == "tests.thing.happened.v1")
            #expect(object["correlationID"] as? String == "order-7")
            #expect(object["reason"] as? String == "credit service timed out")
            #expect(object["handler"] as? String == "check-credit")
            #expect(object["attempts"] as? Int == 4)
            #expect(object["firstFailure"] as? String == "2026-11-27T10:00:00.000Z")
            #expect(object.keys.contains("originalRoutingKey"), "absent values are null, not missing")
        }
    }

    @Test func listOfAnEmptyQueueSaysSo() async throws {
        try await OutboxTestBed.with("ctl-dlq-empty") { bed in
            let run = await WholesailctlRun.run(["dlq", "list", bed.topology.service] + broker)
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output == ["\(bed.topology.deadLetterQueue) is empty"])
            let json = await WholesailctlRun.run(["dlq", "list", bed.topology.service, "--json"] + broker)
            #expect(json.text == "[\n\n]" || json.text == "[]", "\(json.text)")
        }
    }

    @Test func listOfAServiceWithoutQueuesFailsNamingTheQueue() async {
        let service = AMQPTestEnvironment.uniqueName("ctl-missing")
        let run = await WholesailctlRun.run(["dlq", "list", service] + broker)
        #expect(run.status == 1)
        #expect(run.errors.count == 1, "\(run.errors)")
        #expect(run.errors.first?.hasPrefix("wholesailctl: queue \(service).dlq does not exist") == true, "\(run.errors)")
    }

    @Test func aDryRunSaysWhatWouldMoveAndMovesNothing() async throws {
        try await OutboxTestBed.with("ctl-dlq-dry") { bed in
            let chosen = try await park(1, bed: bed)
            let other = try await park(2, bed: bed)
            let run = await WholesailctlRun.run(["dlq", "replay", bed.topology.service, "--id", chosen.id.description, "--dry-run"] + broker)
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.first == "would replay 1 message(s) from \(bed.topology.deadLetterQueue) to \(bed.topology.inboxQueue) (dry run: nothing moved)")
            #expect(run.output.contains("  \(chosen.id)  tests.thing.happened.v1  correlation order-1"))
            #expect(!run.text.contains(other.id.description))
            #expect(try await parkedIDs(bed) == [chosen.id.description, other.id.description])
            #expect(try await bed.drain(bed.topology.inboxQueue).isEmpty)
        }
    }

    @Test func replayingByIdMovesOnlyThoseMessagesToTheInbox() async throws {
        try await OutboxTestBed.with("ctl-dlq-replay-id") { bed in
            let first = try await park(1, bed: bed)
            let second = try await park(2, bed: bed)
            let third = try await park(3, bed: bed)
            let run = await WholesailctlRun.run(
                ["dlq", "replay", bed.topology.service, "--id", first.id.description, third.id.description] + broker
            )
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.first == "replayed 2 message(s) from \(bed.topology.deadLetterQueue) to \(bed.topology.inboxQueue)")
            let inbox = try await bed.drain(bed.topology.inboxQueue)
            #expect(Set(inbox.compactMap(\.properties.messageID)) == [first.id.description, third.id.description])
            #expect(inbox.allSatisfy { $0.properties.headers[MessageHeaders.reason] == nil }, "a replayed copy starts afresh")
            #expect(try await parkedIDs(bed) == [second.id.description])
        }
    }

    @Test func replayingAllAtARateMovesEveryMessageNoFasterThanTheRate() async throws {
        try await OutboxTestBed.with("ctl-dlq-rate") { bed in
            var parked: [String] = []
            for number in 1...4 { parked.append(try await park(number, bed: bed).id.description) }
            let started = ContinuousClock.now
            let run = await WholesailctlRun.run(["dlq", "replay", bed.topology.service, "--all", "--rate", "10"] + broker)
            let elapsed = ContinuousClock.now - started
            #expect(run.status == 0, "\(run.errors)")
            #expect(elapsed >= .milliseconds(300), "4 messages at 10/s start over at least 0.3 s, took \(elapsed)")
            #expect(run.output.filter { $0.hasPrefix("  replayed ") }.count == 4, "\(run.text)")
            #expect(run.output.last == "replayed 4 message(s) from \(bed.topology.deadLetterQueue) to \(bed.topology.inboxQueue)")
            let inbox = try await bed.drain(bed.topology.inboxQueue)
            #expect(inbox.compactMap(\.properties.messageID) == parked, "one at a time, oldest first")
            #expect(try await parkedIDs(bed).isEmpty)
        }
    }

    @Test func replayingAnIdThatIsNotParkedFailsAndMovesNothing() async throws {
        try await OutboxTestBed.with("ctl-dlq-unknown-id") { bed in
            let parked = try await park(1, bed: bed)
            let run = await WholesailctlRun.run(["dlq", "replay", bed.topology.service, "--id", "no-such-message"] + broker)
            #expect(run.status == 1)
            #expect(run.errors.count == 1, "\(run.errors)")
            #expect(run.errors.first?.hasPrefix("wholesailctl: no parked message with id no-such-message") == true, "\(run.errors)")
            #expect(try await parkedIDs(bed) == [parked.id.description])
        }
    }

    @Test func aReplayedMessageIsAppliedOnceEvenWhenReplayedTwice() async throws {
        try await OutboxTestBed.with("ctl-dlq-effect") { bed in
            let consumer = RunningServices([try bed.eventConsumer(bed.recordingHandlers())], logger: bed.logger)
            let envelope = try await park(9, bed: bed)
            let body = Array(try envelope.encoded())
            let replay = await WholesailctlRun.run(["dlq", "replay", bed.topology.service, "--all"] + broker)
            #expect(replay.status == 0, "\(replay.errors)")
            #expect(try await bed.eventually { try await bed.effects().total == 1 })
            // The same event parked again (say, from a stale export) and replayed: the inbox absorbs it.
            try await bed.publisher.publish(OutgoingMessage(
                exchange: "", routingKey: bed.topology.deadLetterQueue, body: body,
                properties: MessageProperties(messageID: envelope.id.description, type: envelope.type)
            ))
            let again = await WholesailctlRun.run(["dlq", "replay", bed.topology.service, "--id", envelope.id.description] + broker)
            #expect(again.status == 0, "\(again.errors)")
            // A sentinel queued behind the duplicate: once it is applied, the duplicate was delivered too.
            let sentinel = try EventEnvelope(payload: ThingHappened(number: 10), correlationID: "order-10")
            try await bed.publisher.publish(OutgoingMessage(
                exchange: "", routingKey: bed.topology.inboxQueue, body: Array(try sentinel.encoded()),
                properties: MessageProperties(messageID: sentinel.id.description, type: sentinel.type)
            ))
            #expect(try await bed.eventually { try await bed.effects().total >= 2 })
            try await consumer.stop()
            let effects = try await bed.effects()
            #expect(effects.total == 2 && effects.duplicated == 0, "\(effects)")
        }
    }

    @Test func anUnreachableBrokerIsOneLineAndStatusOne() async {
        let run = await wholesailctl("dlq", "list", "orders", "--amqp-url", TestServers.unreachableAMQPURL, "--connect-timeout", "500ms")
        #expect(run.status == 1)
        #expect(run.errors.count == 1, "\(run.errors)")
        #expect(run.errors.first?.hasPrefix("wholesailctl: cannot reach RabbitMQ") == true, "\(run.errors)")
        #expect(run.errors.first?.contains("deploy/local/stack up") == true)
    }
}
