import ArgumentParser
import Orders
import ServiceKit

/// `orders`: runs the service (the default), or manages channel API keys.
@main
struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "Wholesail orders: order intake, orchestration, ERP posting and timelines.",
        subcommands: [Serve.self, APIKeysCommand.self],
        defaultSubcommand: Serve.self
    )
}
