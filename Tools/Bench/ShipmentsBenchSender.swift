/// Sends milestones for the webhook runs and remembers, for every request, when its answer arrived.
///
/// ``HTTPLoadGenerator`` keeps only latencies; the webhook runs need each milestone's answer time to subtract from the
/// arrival of the delivery it caused (the service commits just before it answers). Same building blocks, same
/// discipline: blocking sockets on dedicated threads (never the cooperative pool the service runs on), a common
/// start, request *i* due at `t0 + i / rate` in the open loop with its latency counted from then.
struct ShipmentsBenchSender: Sendable {
    /// One request and its answer.
    struct Answer: Sendable {
        var index: Int
        /// The HTTP status; nil when the exchange failed (connect, send, receive).
        var status: Int?
        /// When the answer was read (``HTTPLoadClock`` nanoseconds).
        var completion: UInt64
        /// Fixed rate: due time → answer; closed loop: send → answer.
        var latency: UInt64
    }

    /// What a run sent.
    struct Outcome: Sendable {
        /// Sorted by index.
        var answers: [Answer]
        /// The schedule's start (``HTTPLoadClock`` nanoseconds).
        var start: UInt64
        /// Fixed rate: requests sent more than 1 ms after their due time.
        var lateStarts: Int
        var firstFailure: String?

        var completed: [Answer] { answers.filter { $0.status.map { (200..<300).contains($0) } ?? false } }
        var lastCompletion: UInt64 { answers.map(\.completion).max() ?? start }
    }

    /// What one connection thread sent.
    private struct ThreadResult: Sendable {
        var answers: [Answer]
        var late: Int
        var failure: String?
    }

    let port: Int
    let responseTimeout: Duration
    let request: @Sendable (Int) -> HTTPLoadRequest

    init(port: Int, responseTimeout: Duration = .seconds(5), request: @escaping @Sendable (Int) -> HTTPLoadRequest) {
        self.port = port
        self.responseTimeout = responseTimeout
        self.request = request
    }

    /// Requests `0..<limit` at `rate` per second (open loop) on `connections` connections; without a rate, back to back
    /// (closed loop) until `duration` has passed or the requests run out.
    func run(rate: Int?, duration: Duration, limit: Int, connections: Int) async -> Outcome {
        let connections = max(1, connections)
        let gate = HTTPLoadStartGate(expected: connections)
        let counter = SharedCounter()
        let durationNanoseconds = HTTPLoadClock.nanoseconds(duration)
        let timeout = responseTimeout
        let port = port
        let request = request
        let authority = "127.0.0.1:\(port)"
        let second = HTTPLoadClock.nanosecondsPerSecond
        let perThread = await withTaskGroup(of: ThreadResult.self) { group in
            for number in 0..<connections {
                group.addTask {
                    await DedicatedThread.run(name: "bench-shipments-\(number)") {
                        var answers: [Answer] = []
                        var late = 0
                        var failure: String?
                        let connection = HTTPLoadConnection(host: "127.0.0.1", port: port, timeout: timeout)
                        try? connection.connect()
                        let start = gate.arriveAndWait()
                        let end = start + durationNanoseconds
                        var wire: [UInt8] = []
                        wire.reserveCapacity(1024)
                        while true {
                            let index = counter.next()
                            guard index < limit else { break }
                            var origin = HTTPLoadClock.now()
                            if let rate {
                                let due = start + UInt64(index) * second / UInt64(rate)
                                if origin < due { HTTPLoadClock.sleep(until: due) } else if origin > due + HTTPLoadGenerator.lateThreshold { late += 1 }
                                origin = due
                            } else if origin >= end {
                                break
                            }
                            wire.removeAll(keepingCapacity: true)
                            request(index).serialize(authority: authority, into: &wire)
                            do throws(HTTPLoadConnection.Failure) {
                                let status = try connection.exchange(wire)
                                let done = HTTPLoadClock.now()
                                answers.append(Answer(index: index, status: status, completion: done, latency: done &- origin))
                                if !(200..<300).contains(status), failure == nil { failure = "request \(index) answered \(status)" }
                            } catch {
                                let done = HTTPLoadClock.now()
                                answers.append(Answer(index: index, status: nil, completion: done, latency: done &- origin))
                                if failure == nil { failure = "request \(index): \(error)" }
                                if case .connect = error { HTTPLoadClock.sleep(until: done + 10_000_000) }
                            }
                        }
                        connection.close()
                        return ThreadResult(answers: answers, late: late, failure: failure)
                    }
                }
            }
            var all: [ThreadResult] = []
            for await result in group { all.append(result) }
            return all
        }
        var answers = perThread.flatMap { (thread: ThreadResult) in thread.answers }
        answers.sort { $0.index < $1.index }
        return Outcome(
            answers: answers, start: gate.startTime, lateStarts: perThread.reduce(0) { (total: Int, thread: ThreadResult) in total + thread.late },
            firstFailure: perThread.lazy.compactMap { (thread: ThreadResult) in thread.failure }.first
        )
    }
}
