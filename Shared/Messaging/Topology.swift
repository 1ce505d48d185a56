/// Exchanges, queues and bindings to declare (idempotently) on a connection.
///
/// A connection remembers what it declared and declares it again after every reconnect, so a
/// broker that lost non-durable state (or a new cluster node) gets the topology back.
public struct Topology: Sendable, Hashable {
    public var exchanges: [ExchangeDeclaration]
    public var queues: [QueueDeclaration]
    public var bindings: [QueueBinding]

    public init(exchanges: [ExchangeDeclaration] = [], queues: [QueueDeclaration] = [], bindings: [QueueBinding] = []) {
        self.exchanges = exchanges
        self.queues = queues
        self.bindings = bindings
    }

    /// Both topologies, without repeating a declaration.
    public func merging(_ other: Topology) -> Topology {
        func union<T: Hashable>(_ first: [T], _ second: [T]) -> [T] {
            var seen = Set(first)
            return first + second.filter { seen.insert($0).inserted }
        }
        return Topology(
            exchanges: union(exchanges, other.exchanges),
            queues: union(queues, other.queues),
            bindings: union(bindings, other.bindings)
        )
    }
}

/// An exchange declaration (`exchange.declare`).
public struct ExchangeDeclaration: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case direct, fanout, topic, headers
    }

    public var name: String
    public var kind: Kind
    public var durable: Bool
    public var arguments: [String: AMQPHeaderValue]

    public init(name: String, kind: Kind, durable: Bool = true, arguments: [String: AMQPHeaderValue] = [:]) {
        self.name = name
        self.kind = kind
        self.durable = durable
        self.arguments = arguments
    }
}

/// A queue declaration (`queue.declare`); arguments carry `x-queue-type`, TTLs, dead-lettering.
public struct QueueDeclaration: Sendable, Hashable {
    public var name: String
    public var durable: Bool
    public var exclusive: Bool
    public var autoDelete: Bool
    public var arguments: [String: AMQPHeaderValue]

    public init(
        name: String,
        durable: Bool = true,
        exclusive: Bool = false,
        autoDelete: Bool = false,
        arguments: [String: AMQPHeaderValue] = [:]
    ) {
        self.name = name
        self.durable = durable
        self.exclusive = exclusive
        self.autoDelete = autoDelete
        self.arguments = arguments
    }
}

/// A binding of a queue to an exchange with a routing-key pattern (`queue.bind`).
public struct QueueBinding: Sendable, Hashable {
    public var queue: String
    public var exchange: String
    public var routingKey: String

    public init(queue: String, exchange: String, routingKey: String) {
        self.queue = queue
        self.exchange = exchange
        self.routingKey = routingKey
    }
}
