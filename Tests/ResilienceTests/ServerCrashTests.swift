import Contracts
import Foundation
import Messaging
import Outbox
import Persistence
import Synchronization
import Testing
import WholesailTestSupport

/// Crashes of RabbitMQ and PostgreSQL in the middle of traffic. These kill the local stack's shared
/// servers, so they run serialized and in their own `swift test` invocation (`deploy/local/stack test`).
@Suite("Server crashes", .serialized)
struct ServerCrashTests {
    @Test func outboxDeliversEveryEventExactlyOnceAcrossTwoBrokerCrashes() async throws {
        let stack = StackControl()
        try await OutboxTestBed.with("crash-broker", retryDelays: [.milliseconds(200), .seconds(1), .seconds(2)]) { bed in
            let services = RunningServices(
                [try bed.relay { $0.batchSize = 200 }, try bed.eventConsumer(bed.recordingHandlers(), concurrency: 4, prefetch: 64)],
                logger: bed.logger
            )
            // Four writers append until told to stop, so the crashes always happen mid-traffic,
            // however long the broker takes to come back on a slow machine.
            let committed = Locked(0)
            let nextNumber = Locked(0)
            let stopWriting = Locked(false)
            let writer = Task {
                let outbox = try bed.writer
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 {
                        group.addTask {
                            while !stopWriting.value {
                                let number = nextNumber.withLock { number in defer { number += 1 }; return number }
                                let envelope = try EventEnvelope(payload: ThingHappened(number: number), correlationID: "aggregate-\(number % 50)")
                                try await bed.pool.transaction { transaction in
                                    try await outbox.append(envelope, in: transaction)
                                }
                                committed.withLock { $0 += 1 }
                                // Paced (~250 events/s) so the backlog stays small enough to drain in time.
                                try await Task.sleep(for: .milliseconds(15))
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(try await bed.eventually(timeout: .seconds(60)) { committed.value >= 1_000 })
            try await stack.killBroker()
            try await Task.sleep(for: .seconds(1))
            try await stack.startBroker()
            let afterFirstRestart = committed.value
            #expect(try await bed.eventually(timeout: .seconds(120)) { committed.value >= afterFirstRestart + 1_000 })
            try await stack.killBroker()
            try await stack.startBroker()
            let afterSecondRestart = committed.value
            #expect(try await bed.eventually(timeout: .seconds(120)) { committed.value >= afterSecondRestart + 500 })
            stopWriting.withLock { $0 = true }
            try await writer.value
            let written = committed.value
            #expect(nextNumber.value == written, "every number taken was committed")

            // Every event reaches the consumer; none is applied twice.
            let settled = try await bed.eventually(timeout: .seconds(180)) { try await bed.effects().distinct == written }
            try await Task.sleep(for: .seconds(2))  // let any straggling duplicate arrive before counting
            try await services.stop()
            let effects = try await bed.effects()
            #expect(settled)
            #expect(try await bed.unpublished() == 0)
            #expect(effects.total == written)
            #expect(effects.distinct == written)
            #expect(effects.duplicated == 0)
            #expect(try await bed.drain(bed.topology.deadLetterQueue).isEmpty)
        }
    }

    @Test func thePoolRecoversFromAPostgreSQLRestartWithoutLosingCommittedRows() async throws {
        let stack = StackControl()
        try await PostgresTestEnvironment.withSchema("crash-database", maximumConnections: 4) { schema in
            _ = try await schema.pool.execute("CREATE TABLE ledger (id uuid PRIMARY KEY, writer int NOT NULL)")
            let confirmed = Locked<Set<UUID>>([])
            let failures = Locked(0)
            let stop = Locked(false)
            let writers = Task {
                await withTaskGroup(of: Void.self) { group in
                    for writer in 0..<4 {
                        group.addTask {
                            while !stop.value {
                                let id = UUID()
                                do {
                                    try await schema.pool.transaction { transaction in
                                        _ = try await transaction.execute("INSERT INTO ledger (id, writer) VALUES ($1, $2)", id, writer)
                                    }
                                    confirmed.withLock { _ = $0.insert(id) }
                                } catch {
                                    failures.withLock { $0 += 1 }
                                    try? await Task.sleep(for: .milliseconds(20))
                                }
                            }
                        }
                    }
                }
            }
            try await Task.sleep(for: .seconds(1))
            let beforeKill = confirmed.value.count
            try await stack.killDatabase()
            try await Task.sleep(for: .milliseconds(500))
            try await stack.startDatabase()
            let afterRestart = confirmed.value.count
            // The same pool keeps committing after the crash: no process restart.
            #expect(try await eventually(timeout: .seconds(60)) { confirmed.value.count > afterRestart + 100 })
            try await stack.restartDatabase()
            let afterSecondRestart = confirmed.value.count
            #expect(try await eventually(timeout: .seconds(60)) { confirmed.value.count > afterSecondRestart + 100 })
            stop.withLock { $0 = true }
            await writers.value

            let stored = Set(try await schema.pool.query("SELECT id FROM ledger").map { try $0.decode(UUID.self, at: 0) })
            let committed = confirmed.value
            #expect(beforeKill > 0)
            #expect(committed.isSubset(of: stored), "rows whose commit was confirmed are missing: \(committed.subtracting(stored).count)")
            #expect(failures.value > 0, "the crash should have failed some transactions")
        }
    }
}
