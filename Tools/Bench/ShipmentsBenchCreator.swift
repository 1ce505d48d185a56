import Contracts
import Foundation
import Messaging
import Synchronization

/// Creates the benchmark's shipments the way production does: publishes `orders.order.confirmed.v1` (one warehouse
/// allocation, two or three lines) to the service's exchange and learns each shipment's id from the
/// `shipments.shipment.created.v1` the service publishes in return (through its outbox).
///
/// ``run(_:)`` consumes the created events for as long as the benchmark runs; ``create(count:tag:timeout:)`` publishes
/// a batch of orders and waits until every one has its shipment.
final class ShipmentsBenchCreator: Sendable {
    /// What one ``create(count:tag:timeout:)`` took.
    struct Batch: Sendable {
        /// The shipment ids, in the order the orders were published.
        var shipmentIDs: [String]
        /// First publish → last shipment seen.
        var elapsed: Duration
        var shipmentsPerSecond: Double {
            let seconds = Formatting.seconds(elapsed)
            return seconds > 0 ? Double(shipmentIDs.count) / seconds : 0
        }
    }

    private struct State {
        var shipmentByOrder: [String: String] = [:]
        var undecodable = 0
    }

    /// Orders published per broker batch (each batch waits for its confirms).
    static let publishBatch = 250
    /// The warehouse of every allocation.
    static let warehouse = "HAM"

    private let exchange: String
    private let publisher: AMQPConnection
    private let state = Mutex(State())

    init(exchange: String, publisher: AMQPConnection) {
        self.exchange = exchange
        self.publisher = publisher
    }

    /// Created events that did not decode (a contract mismatch; reported).
    var undecodable: Int { state.withLock { $0.undecodable } }

    /// Consumes `consumer` (the created events) until it ends (cancelled).
    func run(_ consumer: AMQPConsumer) async {
        do {
            for try await delivery in consumer {
                if let created = try? EventEnvelope<ShipmentCreated>.decode(from: Data(delivery.body)) {
                    state.withLock { $0.shipmentByOrder[created.payload.orderID] = created.payload.shipmentID }
                } else {
                    state.withLock { $0.undecodable += 1 }
                }
                delivery.ack()
            }
        } catch {
            Console.progress("the shipment-created consumer ended: \(error)")
        }
    }

    /// Publishes `count` confirmed orders (ids `bench-<tag>-<i>`) and waits until every one has its shipment.
    /// - Throws: ``BenchError`` when a publish fails or the shipments do not all appear within `timeout`.
    func create(count: Int, tag: String, timeout: Duration) async throws -> Batch {
        let orderIDs = (0..<count).map { "bench-\(tag)-\($0)" }
        let currency = try Currency(code: "EUR")
        let started = ContinuousClock.now
        for chunk in stride(from: 0, to: count, by: Self.publishBatch) {
            let messages = try orderIDs[chunk..<min(count, chunk + Self.publishBatch)].enumerated().map { offset, orderID in
                try message(Self.order(id: orderID, number: chunk + offset, currency: currency))
            }
            for result in await publisher.publish(batch: messages) {
                if case .failure(let error) = result { throw BenchError("publishing orders.order.confirmed.v1 failed: \(error)") }
            }
        }
        let deadline = started + timeout
        while true {
            let found = state.withLock { state in orderIDs.compactMap { state.shipmentByOrder[$0] } }
            if found.count == count { return Batch(shipmentIDs: found, elapsed: ContinuousClock.now - started) }
            guard ContinuousClock.now < deadline else {
                throw BenchError(
                    "only \(found.count) of \(count) shipments were created within \(timeout) (\(undecodable) undecodable created events); "
                        + "see the service's errors above, or raise --settle-seconds"
                )
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Order `id`: two or three lines (by `number`), all allocated at ``warehouse``.
    static func order(id: String, number: Int, currency: Currency) -> OrderConfirmed {
        let lineCount = 2 + number % 2
        let lines = (1...lineCount).map { line in
            let quantity = 1 + (number + line) % 9
            return OrderConfirmed.Line(
                lineNumber: line, sku: "SKU-\(100_000 + line)", quantity: quantity, unitPrice: Money(minorUnits: 1_250, currency: currency),
                extendedAmount: Money(minorUnits: 1_250 * Int64(quantity), currency: currency), category: "standard"
            )
        }
        let total = Money(minorUnits: lines.reduce(0) { $0 + $1.extendedAmount.minorUnits }, currency: currency)
        return OrderConfirmed(
            orderID: id, channel: "bench", channelOrderReference: id, customer: "C-\(number % 1000)", currency: currency,
            shipTo: PostalAddress(company: "Nordlicht Handel GmbH", lines: ["Hafenstraße 12"], city: "Hamburg", postalCode: "20457", country: "DE"),
            priceVersion: 1, lines: lines, total: total, reservationID: "res-\(id)",
            allocations: lines.map { OrderConfirmed.Allocation(warehouse: warehouse, sku: $0.sku, quantity: $0.quantity) },
            confirmedAt: StableJSON.roundedToMilliseconds(Date())
        )
    }

    private func message(_ order: OrderConfirmed) throws -> OutgoingMessage {
        let envelope = try EventEnvelope(payload: order, correlationID: order.orderID)
        return OutgoingMessage(
            exchange: exchange, routingKey: envelope.type, body: Array(try envelope.encoded()),
            properties: MessageProperties(messageID: envelope.id.description, type: envelope.type, correlationID: envelope.correlationID, timestamp: Date())
        )
    }
}
