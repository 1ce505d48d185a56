import Contracts
import Foundation
import Messaging
import Synchronization

/// Plays pricing, inventory and finance for the orders benchmark: answers every `orders.order.received.v1` of an
/// answered run with `pricing.order.priced.v1`, `inventory.reservation.confirmed.v1` and `finance.credit.approved.v1`,
/// so the orders service's process manager confirms the order and its ERP poster posts it.
///
/// Without it nothing would ever be confirmed, the ERP poster would stay idle, and an ERP outage could not touch
/// intake whatever the code did. Only runs whose tag was passed to ``answer(tag:)`` are answered (the closed-loop run
/// measures intake alone); the rest are acknowledged and dropped. Up to ``maximumInFlight`` orders are answered at once.
final class OrdersStepAnswerer: Sendable {
    static let maximumInFlight = 64

    private struct State {
        var tags: Set<String> = []
        var answered: [String: Int] = [:]
        var publishFailures = 0
        var firstFailure: String?
        var undecodable = 0
    }

    private let exchange: String
    private let publisher: AMQPConnection
    private let state = Mutex(State())

    init(exchange: String, publisher: AMQPConnection) {
        self.exchange = exchange
        self.publisher = publisher
    }

    /// From now on, answers the orders of run `tag` (references `<tag>-<index>`).
    func answer(tag: String) {
        state.withLock { _ = $0.tags.insert(tag) }
    }

    /// Orders of run `tag` answered so far (all three events confirmed by the broker).
    func answered(tag: String) -> Int {
        state.withLock { $0.answered[tag] ?? 0 }
    }

    /// Answers that failed to publish, and the first reason; such an order stays unconfirmed.
    var failures: (count: Int, first: String?) {
        state.withLock { ($0.publishFailures + $0.undecodable, $0.firstFailure) }
    }

    /// Consumes `consumer` until it ends (cancelled).
    func run(_ consumer: AMQPConsumer) async {
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            do {
                for try await delivery in consumer {
                    if inFlight >= Self.maximumInFlight {
                        await group.next()
                        inFlight -= 1
                    }
                    inFlight += 1
                    group.addTask { await self.handle(delivery) }
                }
            } catch {
                Console.progress("the step answerer's consumer ended: \(error)")
            }
            await group.waitForAll()
        }
    }

    private func handle(_ delivery: Delivery) async {
        defer { delivery.ack() }
        // Decoding costs CPU the service under test would otherwise have: skip it while no run is answered.
        guard state.withLock({ !$0.tags.isEmpty }) else { return }
        guard let received = try? EventEnvelope<OrderReceived>.decode(from: Data(delivery.body)) else {
            state.withLock {
                $0.undecodable += 1
                $0.firstFailure = $0.firstFailure ?? "an orders.order.received.v1 that did not decode"
            }
            return
        }
        let reference = received.payload.channelOrderReference
        guard let separator = reference.lastIndex(of: "-") else { return }
        let tag = String(reference[..<separator])
        guard state.withLock({ $0.tags.contains(tag) }) else { return }
        let messages: [OutgoingMessage]
        do {
            messages = try answers(to: received)
        } catch {
            record(failure: "cannot build the answers: \(error)")
            return
        }
        var failed: String?
        for result in await publisher.publish(batch: messages) {
            if case .failure(let error) = result { failed = failed ?? "\(error)" }
        }
        if let failed {
            record(failure: failed)
        } else {
            state.withLock { $0.answered[tag, default: 0] += 1 }
        }
    }

    private func record(failure: String) {
        state.withLock {
            $0.publishFailures += 1
            $0.firstFailure = $0.firstFailure ?? failure
        }
    }

    /// Priced at 1.00 per unit on the list, reserved in one warehouse, credit approved for the total.
    private func answers(to received: EventEnvelope<OrderReceived>) throws -> [OutgoingMessage] {
        let order = received.payload
        let unit = Money(minorUnits: 100, currency: order.currency)
        let lines = order.lines.map { line in
            OrderPriced.Line(
                lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, unitPrice: unit,
                extendedAmount: Money(minorUnits: 100 * Int64(line.quantity), currency: order.currency),
                rule: PriceRule(kind: .list, id: "BENCH"), category: "standard"
            )
        }
        let total = Money(minorUnits: lines.reduce(0) { $0 + $1.extendedAmount.minorUnits }, currency: order.currency)
        let priced = EventEnvelope(payload: OrderPriced(
            orderID: order.orderID, customer: order.customer, currency: order.currency, priceVersion: 1, pricedAt: order.receivedAt,
            lines: lines, total: total, mismatchedLines: 0
        ), causedBy: received)
        let reserved = EventEnvelope(payload: ReservationConfirmed(
            orderID: order.orderID, reservationID: "bench-\(order.orderID)",
            allocations: order.lines.map { .init(warehouse: "HAM", sku: $0.sku, quantity: $0.quantity) },
            expiresAt: Date().addingTimeInterval(1800)
        ), causedBy: received)
        let approved = EventEnvelope(payload: CreditApproved(
            orderID: order.orderID, customer: order.customer, amount: total, approvedAt: Date()
        ), causedBy: received)
        return [try message(priced), try message(reserved), try message(approved)]
    }

    private func message<Payload: EventPayload>(_ envelope: EventEnvelope<Payload>) throws -> OutgoingMessage {
        OutgoingMessage(
            exchange: exchange, routingKey: envelope.type, body: Array(try envelope.encoded()),
            properties: MessageProperties(messageID: envelope.id.description, type: envelope.type, correlationID: envelope.correlationID)
        )
    }
}
