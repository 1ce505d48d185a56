import Foundation
import Messaging
import Persistence

/// One reservation run: publish the orders (all at once, or at a fixed rate), wait until every one is decided,
/// then read the handler's timestamps from the service's schema.
struct InventoryReservationRun {
    enum Pace {
        /// Every order at once, `batch` per pipelined `publish(batch:)` call, one call after the other.
        case burst(batch: Int)
        /// Open loop: order *i* is due `i / rate` seconds after the start, published in small batches as they fall due
        /// (each batch in a task of its own, so a slow confirm does not hold back the schedule).
        case fixedRate(ordersPerSecond: Int)
    }

    /// Prefix of the run's order ids (`<tag>-<index>`), without `-`.
    let tag: String
    let label: String
    let messages: [OutgoingMessage]
    let pace: Pace

    func run(publisher: AMQPConnection, observer: InventoryDecisionObserver, admin: PostgresPool, schema: String, timeout: Duration) async throws -> InventoryReservationResult {
        observer.register(tag: tag, count: messages.count)
        let databaseBefore = try await InventoryDatabaseCPU.sample(admin: admin, applicationPrefix: schema)
        let cpuBefore = ProcessCPUTime.now()
        let published: (times: [Date], lags: [Duration])
        switch pace {
        case .burst(let batch):
            published = try await publishBurst(batch: batch, publisher: publisher)
        case .fixedRate(let rate):
            published = try await publishAtRate(rate, publisher: publisher)
        }
        let (decisions, duplicates) = try await observer.waitUntilDecided(tag: tag, timeout: timeout)
        let cpu = ProcessCPUTime.now() - cpuBefore
        let databaseCPU = try await InventoryDatabaseCPU.sample(admin: admin, applicationPrefix: schema).since(databaseBefore)
        let handlerTimes = try await transactionTimes(admin: admin, schema: schema)

        var toDecision: [Duration] = []
        var toTransactionStart: [Duration] = []
        var handler: [Duration] = []
        var writtenToObserved: [Duration] = []
        var transactionToObserved: [Duration] = []
        var endToEnd: [Duration] = []
        for (index, decision) in decisions.enumerated() {
            let publishedAt = published.times[index]
            toDecision.append(Self.duration(from: publishedAt, to: decision.occurredAt))
            endToEnd.append(Self.duration(from: publishedAt, to: decision.observedAt))
            if let times = handlerTimes[index] {
                toTransactionStart.append(Self.duration(from: publishedAt, to: times.start))
                handler.append(Self.duration(from: times.start, to: times.written))
                writtenToObserved.append(Self.duration(from: times.written, to: decision.observedAt))
                transactionToObserved.append(Self.duration(from: times.start, to: decision.observedAt))
            }
        }
        if handlerTimes.count != decisions.count {
            Console.progress("  only \(handlerTimes.count) of \(decisions.count) orders have both a reservation row and a decision in the outbox")
        }
        let firstPublish = published.times.min() ?? Date()
        let lastObserved = decisions.map(\.observedAt).max() ?? firstPublish
        let offered: Int? = if case .fixedRate(let rate) = pace { rate } else { nil }
        return InventoryReservationResult(
            label: label,
            orders: messages.count,
            confirmed: decisions.filter(\.confirmed).count,
            failed: decisions.filter { !$0.confirmed }.count,
            duplicates: duplicates,
            offeredRate: offered,
            elapsed: Self.duration(from: firstPublish, to: lastObserved),
            toDecision: LatencySummary(toDecision),
            toTransactionStart: LatencySummary(toTransactionStart),
            handler: LatencySummary(handler),
            writtenToObserved: LatencySummary(writtenToObserved),
            transactionToObserved: LatencySummary(transactionToObserved),
            endToEnd: LatencySummary(endToEnd),
            publisherLag: LatencySummary(published.lags),
            cpuPerOrder: cpu / messages.count,
            databaseCPUPerOrder: databaseCPU.map { $0 / messages.count }
        )
    }

    private func publishBurst(batch: Int, publisher: AMQPConnection) async throws -> (times: [Date], lags: [Duration]) {
        var times = Array(repeating: Date.distantPast, count: messages.count)
        var failures = 0
        var firstFailure: String?
        for start in stride(from: 0, to: messages.count, by: batch) {
            let end = min(messages.count, start + batch)
            let sentAt = Date()
            for index in start..<end { times[index] = sentAt }
            for result in await publisher.publish(batch: Array(messages[start..<end])) {
                if case .failure(let error) = result {
                    failures += 1
                    firstFailure = firstFailure ?? "\(error)"
                }
            }
        }
        try Self.check(failures: failures, firstFailure: firstFailure)
        return (times, [])
    }

    private func publishAtRate(_ rate: Int, publisher: AMQPConnection) async throws -> (times: [Date], lags: [Duration]) {
        var times = Array(repeating: Date.distantPast, count: messages.count)
        var lags: [Duration] = []
        lags.reserveCapacity(messages.count)
        let clock = ContinuousClock()
        let messages = messages
        let failures = await withTaskGroup(of: (Int, String?).self) { group -> (Int, String?) in
            let start = clock.now
            var next = 0
            while next < messages.count {
                let now = clock.now
                let due = min(messages.count, Int(Formatting.seconds(now - start) * Double(rate)) + 1)
                if due > next {
                    let sentAt = Date()
                    for index in next..<due {
                        times[index] = sentAt
                        lags.append(now - (start + .nanoseconds(Int64(index) * 1_000_000_000 / Int64(rate))))
                    }
                    let batch = Array(messages[next..<due])
                    group.addTask {
                        var failures = 0
                        var firstFailure: String?
                        for result in await publisher.publish(batch: batch) {
                            if case .failure(let error) = result {
                                failures += 1
                                firstFailure = firstFailure ?? "\(error)"
                            }
                        }
                        return (failures, firstFailure)
                    }
                    next = due
                }
                try? await Task.sleep(for: .milliseconds(1))
            }
            var total = 0
            var first: String?
            for await (count, failure) in group {
                total += count
                first = first ?? failure
            }
            return (total, first)
        }
        try Self.check(failures: failures.0, firstFailure: failures.1)
        return (times, lags)
    }

    /// Per order index: the handler's transaction start and when it wrote the decision event (see ``InventoryReservationResult``).
    private func transactionTimes(admin: PostgresPool, schema: String) async throws -> [Int: (start: Date, written: Date)] {
        let rows = try await admin.query(
            """
            SELECT r.order_id, r.created_at, o.created_at
            FROM \(schema).reservations r
            JOIN \(schema).outbox o ON o.aggregate_id = r.order_id
                AND o.event_type IN ('inventory.reservation.confirmed.v1', 'inventory.reservation.failed.v1')
            WHERE r.order_id LIKE $1
            """,
            "\(tag)-%"
        )
        var times: [Int: (start: Date, written: Date)] = [:]
        for row in rows {
            let orderID = try row.decode(String.self, at: 0)
            guard let index = Int(orderID.dropFirst(tag.count + 1)) else { continue }
            times[index] = (try row.decode(Date.self, at: 1), try row.decode(Date.self, at: 2))
        }
        return times
    }

    private static func check(failures: Int, firstFailure: String?) throws {
        guard failures == 0 else {
            throw BenchError("\(failures) orders could not be published (first: \(firstFailure ?? "?")); is the broker healthy?")
        }
    }

    private static func duration(from start: Date, to end: Date) -> Duration {
        .nanoseconds(Int64((end.timeIntervalSince(start) * 1e9).rounded()))
    }
}
