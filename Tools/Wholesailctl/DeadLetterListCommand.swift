import ArgumentParser
import Messaging
import Outbox

/// `wholesailctl dlq list <service> [--limit N] [--json]`.
struct DeadLetterListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show each parked message: reason, handler, attempts, first failure, event type, message and correlation id.",
        discussion: """
            Listing changes nothing: the messages are taken without acknowledgement and handed straight back.

            Example: wholesailctl dlq list finance --limit 20
            """
    )

    @OptionGroup var broker: BrokerOptions

    @Argument(help: "The service whose <service>.dlq to read, e.g. orders.")
    var service: String

    @Option(help: "Show at most this many messages, oldest first.")
    var limit: Int = 1000

    @Flag(help: "Print a JSON array (one object per message) instead of text.")
    var json = false

    func validate() throws {
        try DeadLetterCommand.validate(service: service)
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 100000, not \(limit)") }
    }

    func run() async throws {
        let topology = ServiceTopology(service: service, bindingKeys: [])
        let parked = try await broker.withConnection(queue: topology.deadLetterQueue) { connection in
            try await DeadLetterQueue(topology: topology, connection: connection).list(limit: limit)
        }
        let console = Console.current
        let report = ParkedMessageReport(messages: parked)
        if json {
            console.output(try report.json())
            return
        }
        guard !parked.isEmpty else {
            console.output("\(topology.deadLetterQueue) is empty")
            return
        }
        let capped = parked.count == limit ? " (the first \(limit); raise --limit for more)" : ""
        console.output("\(topology.deadLetterQueue): \(parked.count) parked message(s)\(capped)")
        for line in report.lines { console.output(line) }
    }
}
