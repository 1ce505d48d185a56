import ArgumentParser
import Foundation
import SuiteDriver

/// `loadgen peak-day`: a synthetic peak day against the running stack — orders over a channel mix and Zipf product
/// popularity at a fixed rate, every confirmed order dispatched and paid — then the end-to-end figures and an audit
/// (nothing lost, nothing twice, no negative stock). Exit 1 when the audit finds anything.
struct PeakDayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peak-day",
        abstract: "Replay a synthetic peak day against the running stack and audit the result."
    )

    @OptionGroup var endpoints: EndpointOptions

    @Option(help: "A channel API key of the orders service (orders api-keys create --channel peak-day).")
    var apiKey: String

    @Option(help: "Orders in the day.") var orders = 20_000
    @Option(help: "Orders offered per second.") var rate = 70.0
    @Option(help: "Distinct SKUs (Zipf popularity).") var skus = 500
    @Option(help: "Customer accounts.") var customers = 200
    @Option(help: "Seed of the synthetic day (the same seed offers the same orders).") var seed: UInt64 = 20_261_128
    @Option(help: "How often each order's driver looks at it, in milliseconds.") var pollMilliseconds = 1_000
    @Option(help: "Status polls per second over all orders together (what the drivers add to the load; the local stack allows 1,000 requests/s per key).") var pollsPerSecond = 200
    @Option(help: "Seconds an order may take from intake to paid before it counts as unfinished.") var orderDeadline = 600
    @Option(help: "RabbitMQ management API (queue depths).") var managementURL = "http://127.0.0.1:25673"
    @Option(help: "RabbitMQ vhost.") var virtualHost = "wholesail"
    @Option(help: "RabbitMQ management user.") var managementUser = "wholesail_admin"
    @Option(help: "RabbitMQ management password.") var managementPassword = "wholesail_admin"

    func validate() throws {
        guard (1...1_000_000).contains(orders) else { throw ValidationError("--orders must be 1…1,000,000") }
        guard rate > 0, rate <= 10_000 else { throw ValidationError("--rate must be above 0 and at most 10,000 orders/s") }
        guard (1...100_000).contains(skus) else { throw ValidationError("--skus must be 1…100,000") }
        guard (1...100_000).contains(customers) else { throw ValidationError("--customers must be 1…100,000") }
        guard (10...60_000).contains(pollMilliseconds) else { throw ValidationError("--poll-milliseconds must be 10…60,000") }
        guard (1...10_000).contains(pollsPerSecond) else { throw ValidationError("--polls-per-second must be 1…10,000") }
        guard (1...86_400).contains(orderDeadline) else { throw ValidationError("--order-deadline must be 1…86,400 seconds") }
        guard URL(string: managementURL)?.host != nil else { throw ValidationError("--management-url \(managementURL) is not a URL") }
    }

    func run() async throws {
        let client = SuiteClient(endpoints: endpoints.endpoints, apiKey: apiKey, sockets: 64)
        let plan = PeakDayPlan(run: DemoRun.runStamp(), orderCount: orders, skuCount: skus, customerCount: customers, seed: seed)
        let sampler = QueueDepthSampler(managementURL: URL(string: managementURL) ?? URL(fileURLWithPath: "/"), virtualHost: virtualHost,
                                        user: managementUser, password: managementPassword)
        let run = PeakDayRun(client: client, plan: plan, rate: rate,
                             driver: PeakDayOrderDriver(client: client, pollInterval: .milliseconds(pollMilliseconds), deadline: .seconds(orderDeadline),
                                                        budget: PollBudget(perSecond: pollsPerSecond)),
                             sampler: sampler)
        do {
            let (outcomes, elapsed, audit) = try await run.run()
            let (peaks, failed) = await sampler.result()
            guard PeakDayReport.print(outcomes: outcomes, elapsed: elapsed, audit: audit, queues: peaks, failedSamples: failed, offeredRate: rate) else {
                throw ExitCode(1)
            }
        } catch let error as SuiteClientError {
            FileHandle.standardError.write(Data("loadgen peak-day: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
