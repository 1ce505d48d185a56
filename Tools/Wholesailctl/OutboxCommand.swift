import ArgumentParser

/// `wholesailctl outbox`: the services' transactional outboxes.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Inspect the services' outboxes (events committed but not yet published).",
        subcommands: [OutboxStatusCommand.self]
    )
}
