/// Work done over several rounds of one measurement: items, wall-clock time and process CPU time.
struct RunTally: Sendable {
    var items = 0
    var elapsed: Duration = .zero
    var cpu: Duration = .zero

    /// Items per second over all rounds.
    var rate: Double { items > 0 ? Double(items) / Formatting.seconds(elapsed) : 0 }

    /// CPU microseconds per item over all rounds.
    var cpuMicrosecondsPerItem: Double { items > 0 ? Formatting.seconds(cpu) * 1_000_000 / Double(items) : 0 }

    /// Runs `body` (which returns the wall-clock time of its `items` of work) and adds it up.
    mutating func add(_ items: Int, _ body: () async throws -> Duration) async rethrows {
        let before = ProcessCPUTime.now()
        let elapsed = try await body()
        cpu += ProcessCPUTime.now() - before
        self.elapsed += elapsed
        self.items += items
    }
}
