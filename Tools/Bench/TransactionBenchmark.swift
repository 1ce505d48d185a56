import Persistence

/// Order-shaped transactions per second through `PostgresPool.transaction`, beside `pgbench` running
/// the same statements with the same number of clients.
struct TransactionBenchmark: Sendable {
    let environment: BenchEnvironment
    let settings: FoundationSettings
    let schema: BenchSchema
    let transaction: OrderTransaction
    let pgbench: Pgbench

    struct Result: Sendable {
        var rows: [ComparisonRow]
        /// pgbench's tps by client count (the outbox figure is compared with one of them).
        var pgbenchRates: [Int: Double]
        /// The Swift tps by client count.
        var swiftRates: [Int: Double]
        /// pgbench's tps with the most clients for the same transaction without `pg_notify`: what the
        /// per-transaction NOTIFY of `OutboxWriter.append` costs.
        var pgbenchWithoutNotify: (clients: Int, rate: Double)?
    }

    func run() async throws -> Result {
        var result = Result(rows: [], pgbenchRates: [:], swiftRates: [:], pgbenchWithoutNotify: nil)
        let variables = try transaction.pgbenchVariables()
        for clients in settings.transactionClients {
            try await schema.truncate()
            let baseline = try await pgbench.run(
                script: transaction.pgbenchScript, variables: variables, clients: clients, seconds: settings.transactionSeconds,
                database: environment.database, scriptName: "wholesail-bench-\(environment.runID)-orders"
            )
            Console.progress("order transaction, pgbench, \(clients) client\(clients == 1 ? "" : "s"): \(Formatting.rate(baseline)) tx/s")
            try await schema.truncate()
            let swift = try await swiftRate(clients: clients)
            Console.progress("order transaction, PostgresPool, \(clients) client\(clients == 1 ? "" : "s"): \(Formatting.rate(swift)) tx/s")
            result.pgbenchRates[clients] = baseline
            result.swiftRates[clients] = swift
            result.rows.append(ComparisonRow(
                figure: "order transaction (order + 3 lines + outbox row), \(clients) client\(clients == 1 ? "" : "s")",
                swift: swift, baseline: baseline, unit: "tx/s", baselineSource: "pgbench"
            ))
        }
        if let clients = settings.transactionClients.max(), clients > 1 {
            try await schema.truncate()
            let script = transaction.pgbenchScript.split(separator: "\n").filter { !$0.contains("pg_notify") }.joined(separator: "\n") + "\n"
            let rate = try await pgbench.run(
                script: script, variables: variables.filter { $0.name != "channel" }, clients: clients,
                seconds: settings.transactionSeconds, database: environment.database,
                scriptName: "wholesail-bench-\(environment.runID)-orders-without-notify"
            )
            Console.progress("order transaction without pg_notify, pgbench, \(clients) clients: \(Formatting.rate(rate)) tx/s")
            result.pgbenchWithoutNotify = (clients, rate)
        }
        try await schema.truncate()
        return result
    }

    /// `clients` tasks, each running transactions back to back until the time is up.
    private func swiftRate(clients: Int) async throws -> Double {
        let pool = schema.pool
        let transaction = transaction
        // Open the connections first: pgbench's figure excludes connection time too.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask { try await transaction.run(on: pool) }
            }
            try await group.waitForAll()
        }
        let start = ContinuousClock.now
        let deadline = start + .seconds(settings.transactionSeconds)
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
        return Double(committed) / Formatting.seconds(ContinuousClock.now - start)
    }
}
