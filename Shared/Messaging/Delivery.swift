/// A message delivered to a consumer, with its body copied out of rabbitmq-c's buffers.
///
/// Acknowledge it once its effects are durable (``ack()``), or hand it back (``reject(requeue:)``).
/// An acknowledgement for a delivery that arrived on a connection which has since dropped is
/// discarded: the broker already requeued the message, and its tag means nothing on the new connection.
public struct Delivery: Sendable {
    public var body: [UInt8]
    public var properties: MessageProperties
    public var exchange: String
    public var routingKey: String
    /// True when the broker delivered this message before (to this or another consumer).
    public var redelivered: Bool
    public var deliveryTag: UInt64
    public var consumerTag: String
    let acknowledger: DeliveryAcknowledger

    /// Positive acknowledgement: the broker forgets the message.
    public func ack() {
        acknowledger.settle(deliveryTag: deliveryTag, outcome: .ack)
    }

    /// Negative acknowledgement: requeue it, or let the queue dead-letter or drop it.
    public func reject(requeue: Bool) {
        acknowledger.settle(deliveryTag: deliveryTag, outcome: requeue ? .requeue : .discard)
    }
}

/// Routes a delivery's settlement to the connection (and connection generation) it came from.
struct DeliveryAcknowledger: Sendable {
    enum Outcome: Sendable {
        case ack
        case requeue
        case discard
    }

    let engine: ConnectionEngine
    let generation: UInt64

    func settle(deliveryTag: UInt64, outcome: Outcome) {
        engine.settle(deliveryTag: deliveryTag, outcome: outcome, generation: generation)
    }
}
