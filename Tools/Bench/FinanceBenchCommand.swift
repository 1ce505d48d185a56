import ArgumentParser
import Foundation
import Logging
import ServiceKit

/// `wholesail-bench finance`: credit checks/s, invoices/s from dispatch events, and the settlement batch time for a
/// peak day's invoices.
///
/// Starts the finance service in this process (own schema, private exchange) posting to an ERP simulator in this
/// process, imports customer accounts over HTTP, then feeds it the way production does — `pricing.order.priced.v1`,
/// `orders.order.confirmed.v1` and `shipments.shipment.dispatched.v1` published to its exchange — and observes what
/// it publishes; finally times one on-demand settlement batch until it is posted. The issue sets no numeric target:
/// the command prints figures and exits 1 only when something went wrong (lost or wrong answers, numbering gaps, a
/// batch held, not posted, or posted twice).
struct FinanceBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finance",
        abstract: "Credit checks/s, invoices/s from dispatch events, and settlement batch time for a peak day's invoices."
    )

    @OptionGroup var servers: BenchServerOptions

    @Option(help: "Customer accounts the orders are spread over (each credit check locks its customer's row).")
    var customers = 200

    @Option(help: "Priced orders published for the credit-check run.")
    var creditChecks = 5_000

    @Option(help: "Orders confirmed and then dispatched for the invoice run.")
    var invoices = 5_000

    @Option(help: "Unsettled invoices in the settlement batch: the invoice run's plus as many more, made the same way (at least --invoices).")
    var settlementInvoices = 20_000

    @Option(help: "The service's database pool (WHOLESAIL_DATABASE_POOL_SIZE; default: the service's default).")
    var pool: Int?

    @Option(help: "Seconds to wait for each phase's answers (orders kept, decisions, invoices, the posting).")
    var settleSeconds = 600

    func validate() throws {
        guard (1...100_000).contains(customers) else { throw ValidationError("--customers must be 1…100,000") }
        guard (10...1_000_000).contains(creditChecks) else { throw ValidationError("--credit-checks must be 10…1,000,000") }
        guard (10...1_000_000).contains(invoices) else { throw ValidationError("--invoices must be 10…1,000,000") }
        guard (invoices...1_000_000).contains(settlementInvoices) else {
            throw ValidationError("--settlement-invoices must be from --invoices (\(invoices); the invoice run's invoices are in the batch) to 1,000,000")
        }
        if let pool, !(1...200).contains(pool) { throw ValidationError("--pool must be 1…200 (the service's range)") }
        guard (1...3600).contains(settleSeconds) else { throw ValidationError("--settle-seconds must be 1…3600") }
    }

    func run() async throws {
        // The service logs as in production (structured JSON), errors only, so standard error keeps the progress lines.
        StructuredLogHandler.bootstrap(level: .error)
        var logger = Logger(label: "wholesail-bench")
        logger.logLevel = .error
        let passed: Bool
        do {
            let environment = try BenchEnvironment(amqpURL: servers.amqpURL, databaseURL: servers.databaseURL, logger: logger)
            try await environment.checkServers()
            let settings = FinanceBenchmark.Settings(
                customers: customers, creditChecks: creditChecks, invoices: invoices, settlementInvoices: settlementInvoices, poolSize: pool,
                settleTimeout: .seconds(settleSeconds)
            )
            passed = try await FinanceBenchmark(environment: environment, settings: settings, databaseURL: servers.databaseURL, amqpURL: servers.amqpURL).run()
        } catch let error as BenchError {
            Console.error("wholesail-bench finance: \(error)")
            throw ExitCode.failure
        }
        if !passed { throw ExitCode.failure }
    }
}
