import Foundation
import Messaging

/// `deploy/rabbitmq/definitions.json` as RabbitMQ's definitions import reads it (the fields the tests check).
struct BrokerDefinitions: Decodable {
    static let path = "deploy/rabbitmq/definitions.json"

    struct User: Decodable {
        let name: String
        let passwordHash: String
        let hashingAlgorithm: String
        let tags: [String]
    }

    struct Permission: Decodable {
        let user: String
        let vhost: String
        let configure: String
        let write: String
        let read: String
    }

    struct VirtualHost: Decodable {
        let name: String
    }

    struct Exchange: Decodable {
        let name: String
        let vhost: String
        let type: String
        let durable: Bool
        let autoDelete: Bool
        let isInternal: Bool
        let arguments: [String: Argument]

        enum CodingKeys: String, CodingKey {
            case name, vhost, type, durable, autoDelete, arguments
            case isInternal = "internal"
        }
    }

    struct Queue: Decodable {
        let name: String
        let vhost: String
        let durable: Bool
        let autoDelete: Bool
        let arguments: [String: Argument]
    }

    struct Binding: Decodable, Hashable {
        let source: String
        let vhost: String
        let destination: String
        let destinationType: String
        let routingKey: String
        let arguments: [String: Argument]
    }

    /// A queue or exchange argument: the definitions file holds only strings and integers, as the services declare.
    enum Argument: Decodable, Hashable, CustomStringConvertible {
        case string(String)
        case integer(Int64)

        /// The argument a service declares, or nil for a kind the definitions cannot express the same way.
        init?(_ value: AMQPHeaderValue) {
            switch value {
            case .string(let text): self = .string(text)
            case .integer(let number): self = .integer(number)
            default: return nil
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                self = .integer(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        var description: String {
            switch self {
            case .string(let text): "\"\(text)\""
            case .integer(let number): "\(number)"
            }
        }
    }

    let users: [User]
    let vhosts: [VirtualHost]
    let permissions: [Permission]
    let exchanges: [Exchange]
    let queues: [Queue]
    let bindings: [Binding]

    static func load() throws -> BrokerDefinitions {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(BrokerDefinitions.self, from: Data(contentsOf: RepositoryRoot.file(path)))
    }

    /// Arguments as the definitions would hold them; nil when one has a kind they cannot express.
    static func arguments(_ arguments: [String: AMQPHeaderValue]) -> [String: Argument]? {
        var converted: [String: Argument] = [:]
        for (key, value) in arguments {
            guard let argument = Argument(value) else { return nil }
            converted[key] = argument
        }
        return converted
    }
}
