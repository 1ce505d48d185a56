import Contracts
import Foundation
import Messaging
import Synchronization

/// Watches everything the finance service publishes (`finance.#` on an observation queue) and records, per order of
/// a registered run, what finance answered and when it reached this process (after the handler's commit, the
/// outbox relay and the broker).
///
/// Orders are named `<tag>-<number>` (``FinanceBenchEvents``); a run registers its tag and order count before it
/// publishes, then waits for all of them.
final class FinanceBenchObserver: Sendable {
    /// What finance said about one order.
    enum Answer: Sendable {
        case creditApproved(amountMinor: Int64)
        case creditRejected(reason: String)
        case invoicePosted(number: String, netMinor: Int64, taxMinor: Int64, totalMinor: Int64)
    }

    struct Observation: Sendable {
        var answer: Answer
        var observedAt: ContinuousClock.Instant
    }

    private struct Run {
        var observations: [Observation?]
        var observed = 0
        /// A second answer for an order (a redelivered or re-published event).
        var duplicates = 0
    }

    private struct State {
        var runs: [String: Run] = [:]
        /// `finance.settlement.posted.v1` by batch id, with when it arrived.
        var settlementsPosted: [String: ContinuousClock.Instant] = [:]
        /// Answers for orders of no registered run, and finance events the benchmark does not expect.
        var strays = 0
        /// Finance events that did not decode as their contract says.
        var undecodable = 0
    }

    private let state = Mutex(State())

    /// Expects answers for `count` orders named `<tag>-0` … `<tag>-<count − 1>`.
    func register(tag: String, count: Int) {
        state.withLock { $0.runs[tag] = Run(observations: Array(repeating: nil, count: count)) }
    }

    var strays: Int { state.withLock { $0.strays } }
    var undecodable: Int { state.withLock { $0.undecodable } }

    /// When `finance.settlement.posted.v1` for `batchID` arrived, if it did.
    func settlementPosted(batchID: String) -> ContinuousClock.Instant? {
        state.withLock { $0.settlementsPosted[batchID] }
    }

    /// Consumes `consumer` until it ends (cancelled), acknowledging every delivery.
    func observe(_ consumer: AMQPConsumer) async {
        do {
            for try await delivery in consumer {
                let observedAt = ContinuousClock.now
                delivery.ack()
                record(routingKey: delivery.routingKey, body: Data(delivery.body), observedAt: observedAt)
            }
        } catch {
            Console.progress("the finance observation consumer ended: \(error)")
        }
    }

    private func record(routingKey: String, body: Data, observedAt: ContinuousClock.Instant) {
        do {
            switch routingKey {
            case CreditApproved.eventType.routingKey:
                let event = try EventEnvelope<CreditApproved>.decode(from: body).payload
                record(orderID: event.orderID, Observation(answer: .creditApproved(amountMinor: event.amount.minorUnits), observedAt: observedAt))
            case CreditRejected.eventType.routingKey:
                let event = try EventEnvelope<CreditRejected>.decode(from: body).payload
                record(orderID: event.orderID, Observation(answer: .creditRejected(reason: "\(event.reason): \(event.detail)"), observedAt: observedAt))
            case InvoicePosted.eventType.routingKey:
                let event = try EventEnvelope<InvoicePosted>.decode(from: body).payload
                let answer = Answer.invoicePosted(
                    number: event.invoiceNumber, netMinor: event.net.minorUnits, taxMinor: event.tax.minorUnits, totalMinor: event.total.minorUnits
                )
                record(orderID: event.orderID, Observation(answer: answer, observedAt: observedAt))
            case SettlementPosted.eventType.routingKey:
                let event = try EventEnvelope<SettlementPosted>.decode(from: body).payload
                state.withLock { $0.settlementsPosted[event.batchID] = observedAt }
            default:
                state.withLock { $0.strays += 1 }
            }
        } catch {
            state.withLock { $0.undecodable += 1 }
        }
    }

    private func record(orderID: String, _ observation: Observation) {
        let parts = orderID.split(separator: "-", maxSplits: 1)
        state.withLock { state in
            guard parts.count == 2, let number = Int(parts[1]), var run = state.runs[String(parts[0])], run.observations.indices.contains(number) else {
                state.strays += 1
                return
            }
            if run.observations[number] == nil {
                run.observations[number] = observation
                run.observed += 1
            } else {
                run.duplicates += 1
            }
            state.runs[String(parts[0])] = run
        }
    }

    /// Waits until every order of `tag` has its answer, reporting progress every 5 s.
    /// - Returns: each order's observation by number (nil: none arrived within `timeout`), and how many arrived twice.
    func waitUntilAnswered(tag: String, what: String, timeout: Duration) async throws -> (observations: [Observation?], duplicates: Int) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var nextReport = clock.now + .seconds(5)
        while true {
            let (observed, total) = state.withLock { ($0.runs[tag]?.observed ?? 0, $0.runs[tag]?.observations.count ?? 0) }
            if observed == total || clock.now >= deadline {
                if observed < total {
                    Console.progress("  only \(Formatting.grouped(observed)) of \(Formatting.grouped(total)) \(what) arrived within \(timeout)")
                }
                return state.withLock { state in (state.runs[tag]?.observations ?? [], state.runs[tag]?.duplicates ?? 0) }
            }
            if clock.now >= nextReport {
                Console.progress("  \(Formatting.grouped(observed)) of \(Formatting.grouped(total)) \(what)")
                nextReport = clock.now + .seconds(5)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
