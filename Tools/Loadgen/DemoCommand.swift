import ArgumentParser
import Contracts
import Foundation
import SuiteDriver

/// `loadgen demo`: loads a small catalogue into the running stack, submits a few orders that show the main paths —
/// confirmed and shipped and invoiced, rejected for credit, rejected for an unknown product — and prints each
/// order's timeline. What `deploy/local/stack up` runs last.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load a demo catalogue, submit a few orders, dispatch the confirmed one and print every timeline."
    )

    @OptionGroup var endpoints: EndpointOptions

    @Option(help: "A channel API key of the orders service (orders api-keys create --channel demo).")
    var apiKey: String

    @Option(help: "The API key's channel: the demo's Shopify shop and EDI partner are configured for it.")
    var channel = "demo"

    @Option(help: "Seconds to wait for each order to be decided, shipped and invoiced.")
    var timeout = 90

    func validate() throws {
        guard !apiKey.isEmpty else { throw ValidationError("--api-key must not be empty") }
        guard (1...3600).contains(timeout) else { throw ValidationError("--timeout must be 1…3600 seconds") }
    }

    func run() async throws {
        let client = SuiteClient(endpoints: endpoints.endpoints, apiKey: apiKey)
        do {
            try await DemoRun(client: client, timeout: .seconds(timeout), channel: channel).run()
        } catch let failure as DemoFailure {
            FileHandle.standardError.write(Data("loadgen demo: \(failure.message)\n".utf8))
            throw ExitCode(1)
        } catch let error as SuiteClientError {
            FileHandle.standardError.write(Data("loadgen demo: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Why the demo stopped.
struct DemoFailure: Error {
    var message: String
}
