import Contracts
import Foundation
import Messaging
import Synchronization

/// Watches the service's reservation decisions (`inventory.reservation.confirmed.v1` / `.failed.v1`) arrive on an
/// observation queue and records, per order, the outcome, the event's `occurredAt` and when it arrived here.
///
/// Orders are named `<tag>-<index>`; a run registers its tag and order count first, then waits for all of them.
final class InventoryDecisionObserver: Sendable {
    struct Decision: Sendable {
        var confirmed: Bool
        /// The decision event's `occurredAt`: set in the handler, in its transaction, before the commit (millisecond resolution).
        var occurredAt: Date
        /// When the event reached this process (after the commit, the outbox relay and the broker).
        var observedAt: Date
    }

    private struct Run {
        var decisions: [Decision?]
        var decided = 0
        var confirmed = 0
        var duplicates = 0
    }

    private struct State {
        var runs: [String: Run] = [:]
        /// Decisions for orders of no registered run, or that did not decode.
        var strays = 0
    }

    private let state = Mutex(State())

    /// Expects `count` orders named `<tag>-0` … `<tag>-<count − 1>`.
    func register(tag: String, count: Int) {
        state.withLock { $0.runs[tag] = Run(decisions: Array(repeating: nil, count: count)) }
    }

    /// Consumes `consumer` until it ends (cancelled), acknowledging every delivery.
    func observe(_ consumer: AMQPConsumer) async {
        do {
            for try await delivery in consumer {
                let observedAt = Date()
                delivery.ack()
                let confirmed = delivery.routingKey == ReservationConfirmed.eventType.routingKey
                guard confirmed || delivery.routingKey == ReservationFailed.eventType.routingKey,
                    let header = try? EventEnvelopeHeader.decode(from: Data(delivery.body))
                else {
                    state.withLock { $0.strays += 1 }
                    continue
                }
                record(orderID: header.correlationID, Decision(confirmed: confirmed, occurredAt: header.occurredAt, observedAt: observedAt))
            }
        } catch {
            Console.progress("the observation consumer ended: \(error)")
        }
    }

    private func record(orderID: String, _ decision: Decision) {
        let parts = orderID.split(separator: "-", maxSplits: 1)
        state.withLock { state in
            guard parts.count == 2, let index = Int(parts[1]), var run = state.runs[String(parts[0])], run.decisions.indices.contains(index) else {
                state.strays += 1
                return
            }
            if run.decisions[index] == nil {
                run.decisions[index] = decision
                run.decided += 1
                if decision.confirmed { run.confirmed += 1 }
            } else {
                run.duplicates += 1
            }
            state.runs[String(parts[0])] = run
        }
    }

    /// Waits until every order of `tag` is decided; progress every 5 s.
    /// - Returns: each order's decision, by index, plus how many decisions arrived twice.
    func waitUntilDecided(tag: String, timeout: Duration) async throws -> (decisions: [Decision], duplicates: Int) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var nextReport = clock.now + .seconds(5)
        while true {
            let (decided, total) = state.withLock { ($0.runs[tag]?.decided ?? 0, $0.runs[tag]?.decisions.count ?? 0) }
            if decided == total {
                return state.withLock { state in
                    let run = state.runs[tag]
                    return (run?.decisions.compactMap { $0 } ?? [], run?.duplicates ?? 0)
                }
            }
            if clock.now >= deadline {
                throw BenchError("only \(decided) of \(total) orders of run \(tag) were decided within \(timeout); is the service consuming?")
            }
            if clock.now >= nextReport {
                Console.progress("  \(Formatting.grouped(decided)) of \(Formatting.grouped(total)) decided")
                nextReport = clock.now + .seconds(5)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    var strays: Int { state.withLock { $0.strays } }
}
