import Contracts
import Foundation
import Messaging

/// Publishes the events other services would send finance, to the service's private exchange, in broker batches
/// (each waits for its publisher confirms) — as fast as the broker takes them.
struct FinanceBenchPublisher: Sendable {
    /// Events per broker batch.
    static let batchSize = 250

    let exchange: String
    let connection: AMQPConnection

    /// Publishes `count` events made by `event(number)` (correlated by `correlationID(number)`, the order id) and
    /// returns, per number, when its batch was handed to the broker (the start of its "publish → observed" latency).
    /// - Throws: ``BenchError`` when the broker refuses a message.
    func publish<Payload: EventPayload>(
        count: Int, correlationID: (Int) -> String, event: (Int) -> Payload
    ) async throws -> [ContinuousClock.Instant] {
        var published: [ContinuousClock.Instant] = []
        published.reserveCapacity(count)
        for start in stride(from: 0, to: count, by: Self.batchSize) {
            let numbers = start..<min(count, start + Self.batchSize)
            let messages = try numbers.map { try message(event($0), correlationID: correlationID($0)) }
            let handedOver = ContinuousClock.now
            for result in await connection.publish(batch: messages) {
                if case .failure(let error) = result { throw BenchError("publishing \(Payload.eventType) failed: \(error)") }
            }
            published.append(contentsOf: repeatElement(handedOver, count: numbers.count))
        }
        return published
    }

    private func message<Payload: EventPayload>(_ payload: Payload, correlationID: String) throws -> OutgoingMessage {
        let envelope = try EventEnvelope(payload: payload, correlationID: correlationID)
        return OutgoingMessage(
            exchange: exchange, routingKey: envelope.type, body: Array(try envelope.encoded()),
            properties: MessageProperties(messageID: envelope.id.description, type: envelope.type, correlationID: envelope.correlationID, timestamp: Date())
        )
    }
}
