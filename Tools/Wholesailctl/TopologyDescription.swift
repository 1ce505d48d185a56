import Messaging

/// A topology as lines an operator can read and compare with the management UI: every exchange, queue and binding
/// with its exact arguments.
enum TopologyDescription {
    static func lines(_ topology: Topology) -> [String] {
        topology.exchanges.map { exchange in
            "exchange \(exchange.name) (\(([exchange.kind.rawValue] + flags(durable: exchange.durable) + arguments(exchange.arguments)).joined(separator: ", ")))"
        }
            + topology.queues.map { queue in
                var properties = flags(durable: queue.durable)
                if queue.exclusive { properties.append("exclusive") }
                if queue.autoDelete { properties.append("auto-delete") }
                return "queue \(queue.name) (\((properties + arguments(queue.arguments)).joined(separator: ", ")))"
            }
            + topology.bindings.map { binding in
                "binding \(binding.queue) <- \(binding.exchange) \"\(binding.routingKey)\""
            }
    }

    private static func flags(durable: Bool) -> [String] {
        durable ? ["durable"] : ["transient"]
    }

    private static func arguments(_ arguments: [String: AMQPHeaderValue]) -> [String] {
        arguments.keys.sorted().compactMap { key in arguments[key].map { "\(key)=\(text($0))" } }
    }

    private static func text(_ value: AMQPHeaderValue) -> String {
        switch value {
        case .string(let string): string.isEmpty ? "\"\"" : string
        case .integer(let integer): "\(integer)"
        case .boolean(let boolean): "\(boolean)"
        case .timestamp(let date): "\(date)"
        case .bytes(let bytes): "\(bytes.count) bytes"
        case .array(let values): "[" + values.map(text).joined(separator: ", ") + "]"
        case .table(let table): "{" + Self.arguments(table).joined(separator: ", ") + "}"
        case .void: "void"
        }
    }
}
