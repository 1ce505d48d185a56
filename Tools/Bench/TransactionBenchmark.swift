import Persistence

/// Order-shaped transactions per second through `PostgresPool.transaction`, beside `pgbench` running
/// the same statements with the same number of clients.
///
/// Each client count runs `rounds` times pgbench then Swift, `transactionSeconds / rounds` each, so
/// drifting load on a shared machine hits both sides alike; the tables are emptied before every run.
struct TransactionBenchmark: Sendable {
    let environment: BenchEnvironment
    let settings: FoundationSettings
    let schema: BenchSchema
    let transaction: OrderTransaction
    let pgbench: Pgbench

    struct Result: Sendable {
        var rows: [ComparisonRow]
        /// pgbench's tps by client count (the outbox order pipeline is compared with one of them).
        var pgbenchRates: [Int: Double]
        /// The Swift tps by client count.
        var swiftRates: [Int: Double]
        /// Client CPU microseconds per transaction by client count: pgbench's process, and this whole process.
        var pgbenchCPU: [Int: Double]
        var swiftCPU: [Int: Double]
        /// pgbench's tps with the most clients for the same transaction without `pg_notify`: what the
        /// per-transaction NOTIFY of `OutboxWriter.append` costs.
        var pgbenchWithoutNotify: (clients: Int, rate: Double)?
    }

    private var secondsPerRound: Int { max(1, settings.transactionSeconds / settings.rounds) }

    func run() async throws -> Result {
        var result = Result(rows: [], pgbenchRates: [:], swiftRates: [:], pgbenchCPU: [:], swiftCPU: [:], pgbenchWithoutNotify: nil)
        let variables = try transaction.pgbenchVariables()
        for clients in settings.transactionClients {
            var baseline = RunTally()
            var swift = RunTally()
            for _ in 1...settings.rounds {
                try await schema.truncate()
                let cpuBefore = ProcessCPUTime.children()
                let tps = try await pgbench.run(
                    script: transaction.pgbenchScript, variables: variables, clients: clients, seconds: secondsPerRound,
                    database: environment.database, scriptName: "wholesail-bench-\(environment.runID)-orders"
                )
                baseline.items += Int((tps * Double(secondsPerRound)).rounded())
                baseline.elapsed += .seconds(secondsPerRound)
                baseline.cpu += ProcessCPUTime.children() - cpuBefore

                try await schema.truncate()
                let (committed, elapsed, cpu) = try await swiftRun(clients: clients)
                swift.items += committed
                swift.elapsed += elapsed
                swift.cpu += cpu
            }
            Console.progress("order transaction, pgbench, \(Formatting.clients(clients)): \(describe(baseline))")
            Console.progress("order transaction, PostgresPool, \(Formatting.clients(clients)): \(describe(swift))")
            result.pgbenchRates[clients] = baseline.rate
            result.swiftRates[clients] = swift.rate
            result.pgbenchCPU[clients] = baseline.cpuMicrosecondsPerItem
            result.swiftCPU[clients] = swift.cpuMicrosecondsPerItem
            result.rows.append(ComparisonRow(
                figure: "order transaction (order + 3 lines + outbox row), \(Formatting.clients(clients))",
                swift: swift.rate, baseline: baseline.rate, unit: "tx/s", baselineSource: "pgbench"
            ))
        }
        if let clients = settings.transactionClients.max(), clients > 1 {
            try await schema.truncate()
            let script = transaction.pgbenchScript.split(separator: "\n").filter { !$0.contains("pg_notify") }.joined(separator: "\n") + "\n"
            let rate = try await pgbench.run(
                script: script, variables: variables.filter { $0.name != "channel" }, clients: clients,
                seconds: secondsPerRound, database: environment.database,
                scriptName: "wholesail-bench-\(environment.runID)-orders-without-notify"
            )
            Console.progress("order transaction without pg_notify, pgbench, \(clients) clients: \(Formatting.rate(rate)) tx/s")
            result.pgbenchWithoutNotify = (clients, rate)
        }
        try await schema.truncate()
        return result
    }

    /// `clients` tasks, each running transactions back to back for `secondsPerRound`; returns how many
    /// committed, the time taken, and the process CPU time used.
    private func swiftRun(clients: Int) async throws -> (committed: Int, elapsed: Duration, cpu: Duration) {
        let pool = schema.pool
        let transaction = transaction
        // Open the connections first: pgbench's figure excludes connection time too.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask { try await transaction.run(on: pool) }
            }
            try await group.waitForAll()
        }
        let cpuBefore = ProcessCPUTime.now()
        let start = ContinuousClock.now
        let deadline = start + .seconds(secondsPerRound)
        let committed = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        try await transaction.run(on: pool)
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return (committed, ContinuousClock.now - start, ProcessCPUTime.now() - cpuBefore)
    }

    private func describe(_ tally: RunTally) -> String {
        "\(Formatting.rate(tally.rate)) tx/s, " + String(format: "%.0f µs client CPU per transaction", tally.cpuMicrosecondsPerItem)
    }
}
