import Foundation
import Messaging
import ServiceKit
import Testing

/// deploy/rabbitmq/definitions.json pre-provisions exactly what the services declare at start-up: RabbitMQ refuses a
/// declaration whose arguments differ from an existing queue's (PRECONDITION_FAILED), so any drift stops a service.
@Suite("Broker definitions")
struct BrokerDefinitionsTests {
    static let virtualHost = "wholesail"

    @Test(arguments: RepositoryRoot.services)
    func everyQueueTheServiceDeclaresIsDefinedWithTheSameArguments(service: String) throws {
        let definitions = try BrokerDefinitions.load()
        let topology = try DeployedServices.topology(of: service).topology
        #expect(topology.queues.count == 6, "the unrouted queue, the inbox, three retry queues and the dlq")
        for declared in topology.queues {
            let defined = try #require(
                definitions.queues.first { $0.name == declared.name && $0.vhost == Self.virtualHost },
                "queue \(declared.name) is missing from \(BrokerDefinitions.path)"
            )
            #expect(defined.durable == declared.durable, "durable of \(declared.name)")
            #expect(defined.autoDelete == declared.autoDelete, "auto_delete of \(declared.name)")
            #expect(
                defined.arguments == BrokerDefinitions.arguments(declared.arguments),
                "arguments of \(declared.name): defined \(defined.arguments), the service declares \(declared.arguments)"
            )
        }
    }

    @Test(arguments: RepositoryRoot.services)
    func inboxIsBoundToExactlyTheEventTypesTheServiceHandles(service: String) throws {
        let definitions = try BrokerDefinitions.load()
        let handled = try DeployedServices.make(service).handlers.eventTypes
        #expect(!handled.isEmpty)
        let bound = definitions.bindings
            .filter { $0.destination == "\(service).inbox" && $0.vhost == Self.virtualHost }
        #expect(bound.allSatisfy { $0.source == ServiceTopology.eventsExchange && $0.destinationType == "queue" && $0.arguments.isEmpty })
        #expect(bound.map(\.routingKey).sorted() == handled.sorted())
    }

    @Test
    func exchangesAreDefinedAsEveryServiceDeclaresThem() throws {
        let definitions = try BrokerDefinitions.load()
        let declared = ServiceTopology.shared().exchanges
        #expect(declared.map(\.name).sorted() == definitions.exchanges.map(\.name).sorted())
        for exchange in declared {
            let defined = try #require(definitions.exchanges.first { $0.name == exchange.name && $0.vhost == Self.virtualHost })
            #expect(defined.type == exchange.kind.rawValue, "type of \(exchange.name)")
            #expect(defined.durable == exchange.durable, "durable of \(exchange.name)")
            #expect(!defined.autoDelete && !defined.isInternal, "\(exchange.name) is neither auto-deleted nor internal")
            #expect(defined.arguments == BrokerDefinitions.arguments(exchange.arguments), "arguments of \(exchange.name)")
        }
    }

    @Test
    func definitionsHoldNoQueueOrBindingTheServicesDoNotDeclare() throws {
        let definitions = try BrokerDefinitions.load()
        var queues = Set<String>()
        var bindings = Set<String>()
        for service in RepositoryRoot.services {
            let topology = try DeployedServices.topology(of: service).topology
            queues.formUnion(topology.queues.map(\.name))
            bindings.formUnion(topology.bindings.map { "\($0.exchange) -> \($0.queue) [\($0.routingKey)]" })
        }
        #expect(Set(definitions.queues.map(\.name)) == queues)
        #expect(Set(definitions.bindings.map { "\($0.source) -> \($0.destination) [\($0.routingKey)]" }) == bindings)
        #expect(definitions.bindings.count == bindings.count, "no binding is defined twice")
        #expect(definitions.vhosts.map(\.name) == [Self.virtualHost])
    }

    @Test(arguments: ["wholesail_admin"] + RepositoryRoot.services)
    func everyUserLogsInWithTheDevelopmentPassword(user: String) throws {
        let definitions = try BrokerDefinitions.load()
        let defined = try #require(definitions.users.first { $0.name == user })
        #expect(defined.hashingAlgorithm == "rabbit_password_hashing_sha256")
        // RabbitMQ's format: base64(4-byte salt + SHA-256(salt + password)); the development password is the name.
        let decoded = try #require(Data(base64Encoded: defined.passwordHash))
        let bytes = [UInt8](decoded)
        try #require(bytes.count == 4 + SHA256.digestByteCount)
        let salt = Array(bytes.prefix(4))
        #expect(Array(bytes.dropFirst(4)) == SHA256.hash(salt + Array(user.utf8)))
    }

    @Test
    func administratorHasEveryRightOnTheVirtualHost() throws {
        let definitions = try BrokerDefinitions.load()
        let admin = try #require(definitions.users.first { $0.name == "wholesail_admin" })
        #expect(admin.tags == ["administrator"])
        let permission = try #require(definitions.permissions.first { $0.user == "wholesail_admin" && $0.vhost == Self.virtualHost })
        #expect([permission.configure, permission.write, permission.read] == [".*", ".*", ".*"])
    }

    @Test(arguments: RepositoryRoot.services)
    func serviceUserMayUseItsOwnQueuesAndTheSharedExchangesOnly(service: String) throws {
        let definitions = try BrokerDefinitions.load()
        let user = try #require(definitions.users.first { $0.name == service })
        #expect(user.tags.isEmpty, "a service user is no management user")
        let permission = try #require(definitions.permissions.first { $0.user == service && $0.vhost == Self.virtualHost })
        let topology = try DeployedServices.topology(of: service)
        // Its queues, pricing's per-instance snapshot queue style (`<service>.<anything>`), and the shared exchanges.
        let own = [topology.inboxQueue, topology.retryQueue(1), topology.retryQueue(3), topology.deadLetterQueue, "\(service).snapshot.0a1b2c"]
        let shared = [ServiceTopology.eventsExchange, ServiceTopology.unroutedExchange, ServiceTopology.unroutedQueue]
        let others = RepositoryRoot.services.filter { $0 != service }.flatMap { ["\($0).inbox", "\($0).dlq"] } + ["amq.topic", "wholesail.eventsx"]
        for (right, pattern) in [("configure", permission.configure), ("read", permission.read), ("write", permission.write)] {
            for name in own + shared {
                #expect(try Self.rabbitMQMatches(pattern, name), "\(service) may \(right) \(name)")
            }
            for name in others {
                #expect(try !Self.rabbitMQMatches(pattern, name), "\(service) may not \(right) \(name)")
            }
        }
        // Publishing to a queue by name (retries, dead letters) goes through the default exchange.
        #expect(try Self.rabbitMQMatches(permission.write, "amq.default"))
        #expect(try !Self.rabbitMQMatches(permission.configure, "amq.default"))
    }

    /// RabbitMQ checks a permission with an unanchored regular-expression search on the resource name.
    static func rabbitMQMatches(_ pattern: String, _ name: String) throws -> Bool {
        let expression = try NSRegularExpression(pattern: pattern)
        return expression.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
    }
}
