import Contracts
import Foundation
import Messaging
import Outbox
import Persistence
import Synchronization
import Testing
import WholesailTestSupport

/// The transactional outbox and its relay, against the real PostgreSQL and RabbitMQ.
@Suite("Outbox relay")
struct OutboxRelayTests {
    @Test func committedEventsReachTheBrokerInCommitOrderWithTheirProperties() async throws {
        try await OutboxTestBed.with("relay-order") { bed in
            let envelopes = try await bed.commitEvents(0..<50)
            let relay = RunningServices([try bed.relay()], logger: bed.logger)
            #expect(try await bed.eventually { try await bed.unpublished() == 0 })
            try await relay.stop()

            let deliveries = try await bed.drain(bed.topology.inboxQueue)
            #expect(deliveries.map(\.properties.messageID) == envelopes.map { $0.id.description })
            let first = try #require(deliveries.first)
            #expect(first.properties.type == "tests.thing.happened.v1")
            #expect(first.properties.correlationID == envelopes[0].correlationID)
            #expect(first.properties.persistent)
            #expect(first.properties.headers["traceparent"] == .string(envelopes[0].traceparent))
            let decoded = try EventEnvelope<ThingHappened>.decode(from: Data(first.body))
            #expect(decoded == envelopes[0])
        }
    }

    @Test func eventsOfARolledBackTransactionAreNeverPublished() async throws {
        try await OutboxTestBed.with("relay-rollback") { bed in
            struct Abort: Error {}
            let writer = try bed.writer
            await #expect(throws: Abort.self) {
                try await bed.pool.transaction { transaction in
                    try await writer.append(try EventEnvelope(payload: ThingHappened(number: 1), correlationID: "a"), in: transaction)
                    throw Abort()
                }
            }
            let kept = try await bed.commitEvents([2])
            let relay = RunningServices([try bed.relay()], logger: bed.logger)
            #expect(try await bed.eventually { try await bed.unpublished() == 0 })
            try await relay.stop()
            let deliveries = try await bed.drain(bed.topology.inboxQueue)
            #expect(deliveries.map(\.properties.messageID) == [kept[0].id.description])
        }
    }

    @Test func clausesInTheCallersStatementStoreTheEventOnlyWhenTheirSourceRowIsInsertedAndWakeTheRelay() async throws {
        try await OutboxTestBed.with("relay-clauses") { bed in
            let writer = try bed.writer
            _ = try await bed.pool.execute("CREATE TABLE things (number int PRIMARY KEY)")
            let relay = RunningServices([try bed.relay { $0.pollInterval = .seconds(120) }], logger: bed.logger)
            try await Task.sleep(for: .milliseconds(500))  // let it become leader and go idle
            // The second statement's insert conflicts, so its event must not be stored.
            var envelopes: [EventEnvelope<ThingHappened>] = []
            var counts: [Int] = []
            for _ in 0..<2 {
                let envelope = try EventEnvelope(payload: ThingHappened(number: 1), correlationID: "thing-1")
                let event = try writer.appendClauses(envelope, encodedAs: try envelope.encoded(), for: "inserted", firstParameter: 2)
                let count = try await bed.pool.transaction { transaction in
                    try await transaction.query(
                        """
                        WITH inserted AS (INSERT INTO things VALUES ($1) ON CONFLICT DO NOTHING RETURNING number), \(event.withClauses)
                        SELECT \(event.appendedCount)
                        """,
                        parameters: [1] + event.parameters
                    ).first?.decode(Int.self, at: 0)
                }
                envelopes.append(envelope)
                counts.append(try #require(count))
            }
            #expect(counts == [1, 0])
            #expect(try await bed.eventually(timeout: .seconds(20)) { try await bed.unpublished() == 0 })
            try await relay.stop()
            let deliveries = try await bed.drain(bed.topology.inboxQueue)
            #expect(deliveries.map(\.properties.messageID) == [envelopes[0].id.description])
            #expect(try EventEnvelope<ThingHappened>.decode(from: Data(try #require(deliveries.first).body)) == envelopes[0])
            #expect(try #require(deliveries.first).properties.headers["traceparent"] == .string(envelopes[0].traceparent))
        }
    }

    @Test func notifyWakesTheRelayLongBeforeItsPollInterval() async throws {
        try await OutboxTestBed.with("relay-notify") { bed in
            let relay = RunningServices([try bed.relay { $0.pollInterval = .seconds(120) }], logger: bed.logger)
            try await Task.sleep(for: .milliseconds(500))  // let it become leader and go idle
            let committed = ContinuousClock.now
            try await bed.commitEvents([7])
            #expect(try await bed.eventually(timeout: .seconds(20)) { try await bed.unpublished() == 0 })
            #expect(ContinuousClock.now - committed < .seconds(20))
            try await relay.stop()
        }
    }

    @Test func twoRelayInstancesPublishEachEventOnce() async throws {
        try await OutboxTestBed.with("relay-leader") { bed in
            let relays = RunningServices([try bed.relay(), try bed.relay()], logger: bed.logger)
            try await bed.commitEvents(0..<200)
            #expect(try await bed.eventually { try await bed.unpublished() == 0 })
            try await Task.sleep(for: .milliseconds(500))
            try await relays.stop()
            let ids = try await bed.drain(bed.topology.inboxQueue).compactMap(\.properties.messageID)
            #expect(ids.count == 200)
            #expect(Set(ids).count == 200)
        }
    }

    @Test func aRelayStoppedBetweenConfirmAndMarkRepublishesAndTheInboxAbsorbsTheDuplicates() async throws {
        try await OutboxTestBed.with("relay-crash") { bed in
            let envelopes = try await bed.commitEvents(0..<20)
            // Hold row locks so the relay's "mark as published" blocks after the broker confirmed.
            let blocker = try await PostgresTestEnvironment.connect(bed.schema.configuration)
            _ = try await blocker.execute("BEGIN")
            _ = try await blocker.query("SELECT sequence FROM outbox FOR UPDATE")

            let first = RunningServices([try bed.relay()], logger: bed.logger)
            let admin = try await PostgresTestEnvironment.connect(try PostgresTestEnvironment.configuration())
            #expect(try await bed.eventually {
                try await admin.query(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
                    "\(bed.schema.name)-outbox-relay"
                ).first.orThrow("no row").decode(Int.self, at: 0) == 1
            })
            // Kill the relay mid-flight: its session dies while its UPDATE waits; the task is cancelled.
            async let stopped: Void = first.cancel()
            _ = try await admin.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
                "\(bed.schema.name)-outbox-relay"
            )
            await stopped
            _ = try await blocker.execute("ROLLBACK")
            await blocker.close()
            #expect(try await bed.unpublished() == 20)

            let second = RunningServices([try bed.relay()], logger: bed.logger)
            #expect(try await bed.eventually { try await bed.unpublished() == 0 })
            try await second.stop()
            await admin.close()

            // Every event went out twice …
            let deliveries = try await bed.drain(bed.topology.inboxQueue)
            #expect(deliveries.count == 40)
            #expect(Set(deliveries.compactMap(\.properties.messageID)) == Set(envelopes.map { $0.id.description }))
            // … and an inbox-guarded consumer applies each once.
            for delivery in deliveries {
                try await bed.publisher.publish(OutgoingMessage(exchange: "", routingKey: bed.topology.inboxQueue, body: delivery.body, properties: delivery.properties))
            }
            let consumer = RunningServices([try bed.eventConsumer(bed.recordingHandlers())], logger: bed.logger)
            #expect(try await bed.eventually { try await bed.effects().total == 20 })
            try await Task.sleep(for: .milliseconds(300))
            try await consumer.stop()
            let effects = try await bed.effects()
            #expect(effects.total == 20)
            #expect(effects.duplicated == 0)
        }
    }

    @Test func publishedRowsAreDeletedAfterTheRetentionPeriod() async throws {
        try await OutboxTestBed.with("relay-purge") { bed in
            try await bed.commitEvents(0..<30)
            let relay = RunningServices([try bed.relay {
                $0.retention = .zero
                $0.purgeInterval = .milliseconds(100)
                $0.purgeBatchSize = 7
            }], logger: bed.logger)
            #expect(try await bed.eventually {
                try await bed.pool.query("SELECT count(*) FROM outbox").first.orThrow("no row").decode(Int.self, at: 0) == 0
            })
            try await relay.stop()
            #expect(try await bed.drain(bed.topology.inboxQueue).count == 30)
        }
    }

    @Test func observerSeesTheLagOfEveryConfirmedEvent() async throws {
        try await OutboxTestBed.with("relay-observer") { bed in
            let seen = Mutex<[OutboxRelay.PublishedEvent]>([])
            let relay = RunningServices([try bed.relay(observer: { events in seen.withLock { $0 += events } })], logger: bed.logger)
            try await bed.commitEvents(0..<10)
            #expect(try await bed.eventually { seen.withLock { $0.count } == 10 })
            try await relay.stop()
            #expect(seen.withLock { $0.allSatisfy { $0.lag >= .zero && $0.lag < .seconds(30) } })
        }
    }
}
