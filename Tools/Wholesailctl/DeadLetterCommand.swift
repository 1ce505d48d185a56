import ArgumentParser

/// `wholesailctl dlq`: messages a service parked after its retries ran out.
struct DeadLetterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "List and replay the messages a service parked in its dead-letter queue (<service>.dlq).",
        subcommands: [DeadLetterListCommand.self, DeadLetterReplayCommand.self]
    )

    /// The check both subcommands make on their `<service>` argument.
    static func validate(service: String) throws {
        guard NameRules.isServiceName(service) else {
            throw ValidationError(
                "\"\(service)\" is not a service name (lower-case letters, digits, _ - .); e.g. \(LocalStack.services.joined(separator: ", "))"
            )
        }
    }
}
