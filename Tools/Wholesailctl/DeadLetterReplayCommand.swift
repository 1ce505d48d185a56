import ArgumentParser
import Foundation
import Messaging
import Outbox

/// `wholesailctl dlq replay <service> (--id ID… | --all) [--dry-run] [--rate N]`.
struct DeadLetterReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Move parked messages back to the service's inbox (<service>.inbox) for another try.",
        discussion: """
            Replaying never applies an effect twice: each service records every message it applied in its inbox \
            table, in the same transaction as the effect, so a message whose effect was already applied — or a \
            message replayed twice — is acknowledged and changes nothing. Each original leaves the dead-letter queue \
            only once the broker confirmed its copy in the inbox, so an interrupted replay loses nothing; run it again. \
            The replayed copy starts its retries afresh.

            Examples:
              wholesailctl dlq replay finance --id 0193a6f0-…
              wholesailctl dlq replay finance --all --dry-run
              wholesailctl dlq replay finance --all --rate 20
            """
    )

    @OptionGroup var broker: BrokerOptions

    @Argument(help: "The service whose <service>.dlq to replay, e.g. orders.")
    var service: String

    @Option(name: .customLong("id"), parsing: .upToNextOption, help: ArgumentHelp("Message id(s) to replay, as `dlq list` shows them.", valueName: "message-id"))
    var ids: [String] = []

    @Flag(help: "Replay every parked message.")
    var all = false

    @Flag(name: .customLong("dry-run"), help: "Say which messages would move; move nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Replay at most this many messages per second (one at a time), to spare a recovering service.", valueName: "per-second"))
    var rate: Double?

    @Option(help: "Look at most at this many parked messages, oldest first.")
    var limit: Int = 10_000

    func validate() throws {
        try DeadLetterCommand.validate(service: service)
        switch (ids.isEmpty, all) {
        case (true, false): throw ValidationError("say what to replay: --id <message-id>… or --all")
        case (false, true): throw ValidationError("--id and --all exclude each other: pick one")
        default: break
        }
        if let empty = ids.first(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--id \"\(empty)\" is empty; pass a message id as `dlq list` shows it")
        }
        if let rate, !(rate.isFinite && rate > 0 && rate <= 10_000) {
            throw ValidationError("--rate must be a number of messages per second above 0 and at most 10000, not \(rate)")
        }
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 100000, not \(limit)") }
    }

    func run() async throws {
        let topology = ServiceTopology(service: service, bindingKeys: [])
        let console = Console.current
        let selection: DeadLetterQueue.Selection = all ? .all : .messageIDs(Set(ids))
        let route = "from \(topology.deadLetterQueue) to \(topology.inboxQueue)"
        var leftWithoutID = 0
        let moved = try await broker.withConnection(queue: topology.deadLetterQueue) { connection -> [ParkedMessage] in
            let queue = DeadLetterQueue(topology: topology, connection: connection)
            if dryRun {
                return try await queue.replay(selection, dryRun: true, limit: limit)
            }
            guard let rate else {
                return try await queue.replay(selection, limit: limit)
            }
            let (replayed, withoutID) = try await replayPaced(queue, rate: rate, console: console)
            leftWithoutID = withoutID
            return replayed
        }

        let report = ParkedMessageReport(messages: moved)
        if dryRun {
            console.output("would replay \(moved.count) message(s) \(route) (dry run: nothing moved)")
            for line in report.summaryLines { console.output("  \(line)") }
        } else if rate == nil {
            console.output("replayed \(moved.count) message(s) \(route)")
            for line in report.summaryLines { console.output("  \(line)") }
        } else {
            console.output("replayed \(moved.count) message(s) \(route)")
        }

        let found = Set(moved.compactMap(\.messageID))
        let missing = ids.filter { !found.contains($0) }
        if !missing.isEmpty {
            throw WholesailctlError.failure(
                "no parked message with id \(missing.joined(separator: ", ")) in \(topology.deadLetterQueue) (looked at up to \(limit)); "
                    + "see wholesailctl dlq list \(service)"
            )
        }
        if leftWithoutID > 0 {
            throw WholesailctlError.failure(
                "\(leftWithoutID) parked message(s) without a message id stayed in \(topology.deadLetterQueue): --rate replays by id; "
                    + "replay them without --rate"
            )
        }
    }

    /// Replays the selected messages one id at a time, starting the n-th no earlier than n / rate seconds after the
    /// first, and prints each as it moves.
    /// - Returns: what moved, and how many selected messages were left because they carry no message id.
    private func replayPaced(_ queue: DeadLetterQueue, rate: Double, console: Console) async throws -> ([ParkedMessage], Int) {
        let parked = try await queue.list(limit: limit)
        let wanted = Set(ids)
        var order: [String] = []
        var seen = Set<String>()
        var withoutID = 0
        for message in parked {
            guard let id = message.messageID else {
                if all { withoutID += 1 }
                continue
            }
            if all || wanted.contains(id), seen.insert(id).inserted { order.append(id) }
        }
        let interval = Duration.seconds(1 / rate)
        let clock = ContinuousClock()
        let start = clock.now
        var moved: [ParkedMessage] = []
        for (index, id) in order.enumerated() {
            try await clock.sleep(until: start.advanced(by: interval * index))
            let batch = try await queue.replay(.messageIDs([id]), limit: limit)
            for message in batch { console.output("  replayed \(ParkedMessageReport.summary(message))") }
            moved += batch
        }
        return (moved, withoutID)
    }
}
