/// What one event-driven run measured: `count` events published as fast as the broker takes them, and finance's
/// answer to each observed on the broker.
struct FinanceBenchRun: Sendable {
    var label: String
    /// Events published (one per order).
    var count: Int
    /// Orders answered as expected (approved; invoiced at the right amounts).
    var answered: Int
    /// First publish → last answer observed.
    var elapsed: Duration
    /// Per order: its batch handed to the broker → its answer observed here.
    var latency: LatencySummary?
    /// This whole process (service, publisher, observer) per event.
    var cpuPerEvent: Duration?
    /// The service's PostgreSQL backends (pool, relay) per event.
    var databaseCPUPerEvent: Duration?
    /// Everything that went wrong (missing or wrong answers, duplicates); empty when the run is clean.
    var problems: [String]

    var perSecond: Double {
        let seconds = Formatting.seconds(elapsed)
        return seconds > 0 ? Double(answered) / seconds : 0
    }

    /// Builds the run from the publish instants and the observations, checking each answer with `check` (nil: as
    /// expected; otherwise what is wrong with it).
    init(
        label: String, published: [ContinuousClock.Instant], observations: [FinanceBenchObserver.Observation?], duplicates: Int,
        cpu: Duration, databaseCPU: Duration?, check: (Int, FinanceBenchObserver.Answer) -> String?
    ) {
        self.label = label
        count = published.count
        var latencies: [Duration] = []
        latencies.reserveCapacity(published.count)
        var wrong: [String] = []
        var wrongCount = 0
        var missing = 0
        var last = published.first ?? .now
        for (number, observation) in observations.enumerated() {
            guard let observation else {
                missing += 1
                continue
            }
            if let problem = check(number, observation.answer) {
                wrongCount += 1
                if wrong.count < 5 { wrong.append(problem) }
                continue
            }
            latencies.append(observation.observedAt - published[number])
            last = max(last, observation.observedAt)
        }
        answered = latencies.count
        elapsed = published.first.map { last - $0 } ?? .zero
        latency = LatencySummary(latencies)
        let events = published.count
        cpuPerEvent = events > 0 ? cpu / events : nil
        databaseCPUPerEvent = events > 0 ? databaseCPU.map { $0 / events } : nil
        var found: [String] = []
        if missing > 0 { found.append("\(Formatting.grouped(missing)) of \(Formatting.grouped(count)) orders got no answer") }
        if wrongCount > 0 { found.append("\(Formatting.grouped(wrongCount)) wrong answers, e.g. " + wrong.joined(separator: "; ")) }
        if duplicates > 0 { found.append("\(Formatting.grouped(duplicates)) answers arrived twice") }
        problems = found
    }
}
