import ArgumentParser

/// `wholesailctl orders`: what the orders schema knows about an order.
struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "Look at orders as the orders service stores them.",
        subcommands: [OrderTimelineCommand.self]
    )
}
