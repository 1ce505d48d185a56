/// The RabbitMQ topology of one service (ARCHITECTURE.md §3).
///
/// - `wholesail.events`: the durable topic exchange every event is published to, routing key = event type.
///   Messages no queue is bound for go to its alternate exchange `wholesail.unrouted` (kept, bounded,
///   inspectable) instead of failing the publisher: an event nobody subscribes to yet is not an error.
/// - `<service>.inbox`: durable quorum queue bound to the event types the service handles. Its
///   `x-delivery-limit` parks a message that keeps crashing consumers (redelivered without ack) in the DLQ.
/// - `<service>.retry.<n>`: delay queues; a message sits out its TTL, then dead-letters back into the inbox.
/// - `<service>.dlq`: parked messages, for an operator to inspect and replay.
/// Dead-lettering is at-least-once (quorum queues, `reject-publish` overflow), so nothing is lost in transit.
public struct ServiceTopology: Sendable, Hashable {
    /// The topic exchange all events go through.
    public static let eventsExchange = "wholesail.events"
    /// Where events that match no binding end up.
    public static let unroutedExchange = "wholesail.unrouted"
    public static let unroutedQueue = "wholesail.unrouted"

    /// The service name: lowercase, also the prefix of its queues.
    public var service: String
    /// Routing-key patterns (event types, `*`/`#` wildcards allowed) the inbox is bound to.
    public var bindingKeys: [String]
    /// Delay before each retry; its count is the number of retries before a message is parked.
    public var retryDelays: [Duration]
    /// Broker-side cap on redeliveries of one message (crash loops), after which it is parked.
    public var deliveryLimit: Int
    /// The topic exchange the inbox is bound to: ``eventsExchange`` except in isolated tests.
    public var exchange: String

    public init(
        service: String,
        bindingKeys: [String],
        retryDelays: [Duration] = [.seconds(1), .seconds(10), .seconds(60)],
        deliveryLimit: Int = 20,
        exchange: String = ServiceTopology.eventsExchange
    ) {
        self.service = service
        self.bindingKeys = bindingKeys
        self.retryDelays = retryDelays
        self.deliveryLimit = deliveryLimit
        self.exchange = exchange
    }

    public var inboxQueue: String { "\(service).inbox" }
    public var deadLetterQueue: String { "\(service).dlq" }

    /// The delay queue for retry number `retry` (1-based).
    public func retryQueue(_ retry: Int) -> String { "\(service).retry.\(retry)" }

    /// The events exchange and the unrouted catch-all: shared by every service, declared by each.
    public static func shared(exchange: String = eventsExchange) -> Topology {
        Topology(
            exchanges: [
                ExchangeDeclaration(name: unroutedExchange, kind: .fanout),
                ExchangeDeclaration(
                    name: exchange,
                    kind: .topic,
                    arguments: ["alternate-exchange": .string(unroutedExchange)]
                ),
            ],
            queues: [
                QueueDeclaration(
                    name: unroutedQueue,
                    arguments: ["x-queue-type": "quorum", "x-max-length": 100_000]
                )
            ],
            bindings: [QueueBinding(queue: unroutedQueue, exchange: unroutedExchange, routingKey: "")]
        )
    }

    /// Everything the service declares at start-up.
    public var topology: Topology {
        let atLeastOnce: [String: AMQPHeaderValue] = [
            "x-queue-type": "quorum",
            "x-dead-letter-exchange": "",
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        ]
        var inboxArguments = atLeastOnce
        inboxArguments["x-dead-letter-routing-key"] = .string(deadLetterQueue)
        inboxArguments["x-delivery-limit"] = .integer(Int64(deliveryLimit))
        var queues = [QueueDeclaration(name: inboxQueue, arguments: inboxArguments)]
        for (index, delay) in retryDelays.enumerated() {
            var arguments = atLeastOnce
            arguments["x-dead-letter-routing-key"] = .string(inboxQueue)
            arguments["x-message-ttl"] = .integer(max(1, delay.milliseconds))
            queues.append(QueueDeclaration(name: retryQueue(index + 1), arguments: arguments))
        }
        queues.append(QueueDeclaration(name: deadLetterQueue, arguments: ["x-queue-type": "quorum"]))
        let bindings = bindingKeys.map {
            QueueBinding(queue: inboxQueue, exchange: exchange, routingKey: $0)
        }
        return Self.shared(exchange: exchange).merging(Topology(queues: queues, bindings: bindings))
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
