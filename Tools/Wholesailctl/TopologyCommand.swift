import ArgumentParser
import Messaging
import ServiceKit

/// `wholesailctl topology`: the broker objects the services need.
struct TopologyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology",
        abstract: "Declare the broker topology (exchange, queues, bindings) the services use.",
        subcommands: [Declare.self]
    )

    /// `wholesailctl topology declare [--service S…]`.
    struct Declare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare the events exchange and each service's queues and bindings, exactly as the services do at start-up.",
            discussion: """
                Idempotent: declaring what exists changes nothing, so operators can pre-provision a broker before the \
                services first start. The binding keys come from the services' own handlers (assembled offline). \
                RabbitMQ refuses (PRECONDITION_FAILED) a queue that exists with other arguments: pass the \
                --retry-delays and --delivery-limit the services run with (they read WHOLESAIL_RETRY_DELAYS and \
                WHOLESAIL_DELIVERY_LIMIT; so does this command when the flags are absent).

                Example: wholesailctl topology declare --service orders --service finance
                """
        )

        @OptionGroup var broker: BrokerOptions

        @Option(
            name: .customLong("service"),
            help: ArgumentHelp("A service to declare (repeatable); default: \(LocalStack.services.joined(separator: ", ")).", valueName: "service")
        )
        var services: [String] = []

        @Option(help: ArgumentHelp("The topic exchange. Default: $WHOLESAIL_EVENTS_EXCHANGE, else wholesail.events.", valueName: "name"))
        var exchange: String?

        @Option(
            name: .customLong("retry-delays"),
            help: ArgumentHelp("Delay of each retry queue, like 1s,10s,60s (none: no retries). Default: $WHOLESAIL_RETRY_DELAYS, else 1s,10s,60s.", valueName: "delays")
        )
        var retryDelays: String?

        @Option(
            name: .customLong("delivery-limit"),
            help: ArgumentHelp("Redeliveries before the broker parks a crashing message. Default: $WHOLESAIL_DELIVERY_LIMIT, else 20.", valueName: "count")
        )
        var deliveryLimit: Int?

        @Flag(name: .customLong("dry-run"), help: "Print what would be declared; connect nowhere.")
        var dryRun = false

        func validate() throws {
            for service in services where !LocalStack.services.contains(service) {
                throw ValidationError("unknown service \"\(service)\" for --service; one of \(LocalStack.services.joined(separator: ", "))")
            }
            _ = try settings(for: LocalStack.services[0])
        }

        func run() async throws {
            let chosen = services.isEmpty ? LocalStack.services : Self.unique(services)
            var topologies: [ServiceTopology] = []
            for service in chosen {
                let configuration = try settings(for: service)
                topologies.append(ServiceTopology(
                    service: service,
                    bindingKeys: try ServiceCatalogue.eventTypes(of: service),
                    retryDelays: configuration.retryDelays,
                    deliveryLimit: configuration.deliveryLimit,
                    exchange: configuration.eventsExchange
                ))
            }
            let console = Console.current
            let shared = ServiceTopology.shared(exchange: topologies.first?.exchange ?? ServiceTopology.eventsExchange)
            if dryRun {
                console.output("would declare (dry run, nothing connected):")
                report(shared: shared, topologies: topologies, on: console)
                return
            }
            let url = try broker.configuration().redactedURL
            try await broker.withConnection { connection in
                for topology in topologies {
                    try await connection.declare(topology.topology)
                }
            }
            console.output("declared on \(url):")
            report(shared: shared, topologies: topologies, on: console)
        }

        private func report(shared: Topology, topologies: [ServiceTopology], on console: Console) {
            for line in TopologyDescription.lines(shared) { console.output("  \(line)") }
            for topology in topologies {
                let own = Topology(
                    queues: topology.topology.queues.filter { !shared.queues.contains($0) },
                    bindings: topology.topology.bindings.filter { !shared.bindings.contains($0) }
                )
                console.output("\(topology.service) (\(topology.bindingKeys.count) binding key(s)):")
                for line in TopologyDescription.lines(own) { console.output("  \(line)") }
            }
        }

        /// The settings a service with this environment (and these flags) would start with.
        func settings(for service: String) throws(ValidationError) -> ServiceConfiguration {
            let process = EnvironmentReader()
            var values: [String: String] = [:]
            for override in overrides {
                if let value = override.value ?? process.value(override.variable) { values[override.variable] = value }
            }
            do throws(ConfigurationError) {
                return try ServiceConfiguration(service: service, environment: EnvironmentReader(values))
            } catch {
                // Name the flag when the bad value came from it, else the environment variable.
                let source = overrides.first { $0.variable == error.variable && $0.value != nil }?.flag ?? error.variable
                throw ValidationError("\(source) \"\(error.value)\" is invalid: expected \(error.expected)")
            }
        }

        /// Each flag and the service setting (environment variable) it stands for.
        private var overrides: [(variable: String, flag: String, value: String?)] {
            [
                ("WHOLESAIL_EVENTS_EXCHANGE", "--exchange", exchange),
                ("WHOLESAIL_RETRY_DELAYS", "--retry-delays", retryDelays),
                ("WHOLESAIL_DELIVERY_LIMIT", "--delivery-limit", deliveryLimit.map(String.init)),
            ]
        }

        private static func unique(_ names: [String]) -> [String] {
            var seen = Set<String>()
            return names.filter { seen.insert($0).inserted }
        }
    }
}
