import ArgumentParser
import Orders
import ServiceKit

/// Runs the orders service with the configuration in the environment (see README: Configuration).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the orders service (the default).")

    func run() async throws {
        let configuration = ServiceConfiguration.loadOrExit(service: OrdersService.name)
        StructuredLogHandler.bootstrap(level: configuration.logLevel)
        await OrdersService.loadOrExit(configuration: configuration).runOrExit()
    }
}
