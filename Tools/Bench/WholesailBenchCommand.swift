import ArgumentParser

/// `wholesail-bench`: commands that measure Wholesail's layers on this machine and print the figures.
///
/// Each issue that has a performance target adds a subcommand; `foundation` covers messaging,
/// persistence and the outbox; `pricing`, `inventory`, `orders`, `shipments` and `finance` the services' figures.
@main
struct WholesailBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wholesail-bench",
        abstract: "Measures Wholesail's layers against plain baselines on this machine and prints the figures.",
        subcommands: [FoundationCommand.self, PricingCommand.self, InventoryCommand.self, OrdersBenchCommand.self, ShipmentsBenchCommand.self, FinanceBenchCommand.self, ChannelsBenchCommand.self]
    )
}
