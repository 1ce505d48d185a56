/// HTTP/1.1 load against one `host:port`: a fixed-rate open loop that measures latency without coordinated
/// omission, and a closed loop for peak throughput.
///
/// Every connection is a blocking socket on a thread of its own (see ``HTTPLoadConnection``), so the
/// generator never occupies Swift's cooperative pool, which an in-process server under test runs on.
///
/// Coordinated omission: a closed-loop client that waits for each response before sending the next one
/// stops sending while the server stalls, so the stall shows up in one sample instead of in every request
/// that should have been sent meanwhile. The fixed-rate run gives request *i* the intended start
/// `t0 + i / rate` and measures latency from that time, whether or not a connection was free then.
struct HTTPLoadGenerator: Sendable {
    let host: String
    let port: Int
    /// Load run before the measured window and not recorded, so connection set-up, caches and lazily built
    /// state in the server do not show up as a latency tail.
    let warmUp: Duration
    /// Longest a send or a receive may block; an exchange that takes longer counts as a socket error.
    let responseTimeout: Duration
    /// Fixed rate only: how long after the window's end late requests may still be sent. Past it the rest are
    /// counted as ``HTTPLoadResult/notSent`` instead of stretching the run without bound when the server cannot keep up.
    let drainAllowance: Duration
    /// Builds request *i* (warm-up requests included in the numbering); called on the connection threads.
    let request: @Sendable (Int) -> HTTPLoadRequest

    /// A request sent more than this after its intended time counts as a late start.
    static let lateThreshold: UInt64 = 1_000_000

    init(
        host: String = "127.0.0.1",
        port: Int,
        warmUp: Duration = .seconds(1),
        responseTimeout: Duration = .seconds(5),
        drainAllowance: Duration = .seconds(2),
        request: @escaping @Sendable (Int) -> HTTPLoadRequest
    ) {
        self.host = host
        self.port = port
        self.warmUp = warmUp
        self.responseTimeout = responseTimeout
        self.drainAllowance = drainAllowance
        self.request = request
    }

    /// Open loop at `rate` requests per second for `duration` (after the warm-up, at the same rate).
    ///
    /// Connection threads take the next request number from a shared counter, sleep until its intended time
    /// (unless already late), send it and read the response; latency = response complete − intended start.
    /// `connections` must cover rate × latency with room to spare, or the generator itself falls behind (see
    /// ``HTTPLoadResult/lateStarts``). Values below 1 count as 1.
    func runFixedRate(rate: Int, duration: Duration, connections: Int = 32) async -> HTTPLoadResult {
        let rate = UInt64(max(rate, 1))
        let connections = max(connections, 1)
        let warmUpNanoseconds = HTTPLoadClock.nanoseconds(warmUp)
        let durationNanoseconds = HTTPLoadClock.nanoseconds(duration)
        let drainNanoseconds = HTTPLoadClock.nanoseconds(drainAllowance)
        let second = HTTPLoadClock.nanosecondsPerSecond
        // Request i is due at t0 + i·10⁹/rate (integer nanoseconds); the window holds those due in [warm-up, warm-up + duration).
        let firstMeasured = Self.firstIndex(dueAtOrAfter: warmUpNanoseconds, rate: rate)
        let endIndex = Self.firstIndex(dueAtOrAfter: warmUpNanoseconds + durationNanoseconds, rate: rate)
        let scheduled = Int(endIndex - firstMeasured)
        let request = request
        let authority = authority

        let (tally, measureStart) = await runConnections(
            connections,
            threadName: "bench-http-rate",
            reservingSamples: min(scheduled / connections * 2, 4_000_000) + 1024
        ) { connection, counter, start, tally in
            let measureStart = start + warmUpNanoseconds
            let measureEnd = measureStart + durationNanoseconds
            let sendCutoff = measureEnd + drainNanoseconds
            var wire: [UInt8] = []
            wire.reserveCapacity(4096)
            while true {
                let index = UInt64(counter.next())
                guard index < endIndex else { return }
                let intended = start + index * second / rate
                wire.removeAll(keepingCapacity: true)
                request(Int(index)).serialize(authority: authority, into: &wire)
                var now = HTTPLoadClock.now()
                guard now < sendCutoff else { return }
                if now < intended {
                    HTTPLoadClock.sleep(until: intended)
                    now = HTTPLoadClock.now()
                }
                let recorded = index >= firstMeasured
                if recorded {
                    tally.attempted += 1
                    if now > intended + Self.lateThreshold { tally.lateStarts += 1 }
                }
                Self.exchange(connection, wire, measuredFrom: intended, recorded: recorded, into: &tally)
            }
        }
        return HTTPLoadResult(
            mode: .fixedRate(requestsPerSecond: Int(rate)),
            connections: connections,
            tally: tally,
            notSent: max(0, scheduled - tally.attempted),
            window: durationNanoseconds,
            measureStart: measureStart
        )
    }

    /// Closed loop for `duration` (after the warm-up): every connection sends its next request as soon as the
    /// previous response is in. Throughput = 2xx responses / elapsed; latency = send → response complete.
    /// Values of `connections` below 1 count as 1.
    func runPeak(duration: Duration, connections: Int = 8) async -> HTTPLoadResult {
        let connections = max(connections, 1)
        let warmUpNanoseconds = HTTPLoadClock.nanoseconds(warmUp)
        let durationNanoseconds = HTTPLoadClock.nanoseconds(duration)
        let request = request
        let authority = authority
        // Guess at 100k responses/s in total for the reservation; the arrays grow if the server is faster.
        let expected = Int(min(durationNanoseconds / 10_000, 8_000_000))

        let (tally, measureStart) = await runConnections(
            connections,
            threadName: "bench-http-peak",
            reservingSamples: expected / connections + 1024
        ) { connection, counter, start, tally in
            let measureStart = start + warmUpNanoseconds
            let measureEnd = measureStart + durationNanoseconds
            var wire: [UInt8] = []
            wire.reserveCapacity(4096)
            while true {
                let index = counter.next()
                wire.removeAll(keepingCapacity: true)
                request(index).serialize(authority: authority, into: &wire)
                let sent = HTTPLoadClock.now()
                guard sent < measureEnd else { return }
                let recorded = sent >= measureStart
                if recorded { tally.attempted += 1 }
                Self.exchange(connection, wire, measuredFrom: sent, recorded: recorded, into: &tally)
            }
        }
        return HTTPLoadResult(
            mode: .peak,
            connections: connections,
            tally: tally,
            notSent: 0,
            window: durationNanoseconds,
            measureStart: measureStart
        )
    }

    // MARK: Internals

    /// `host:port` for the `Host` header.
    private var authority: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Smallest i with ⌊i·10⁹/rate⌋ ≥ offset.
    private static func firstIndex(dueAtOrAfter offset: UInt64, rate: UInt64) -> UInt64 {
        (offset * rate + HTTPLoadClock.nanosecondsPerSecond - 1) / HTTPLoadClock.nanosecondsPerSecond
    }

    /// One request/response on `connection`, recorded (if `recorded`) with latency from `origin` to completion.
    /// After a failed connect it pauses 10 ms so a server that is down does not turn the loop into a busy spin.
    private static func exchange(
        _ connection: HTTPLoadConnection,
        _ wire: [UInt8],
        measuredFrom origin: UInt64,
        recorded: Bool,
        into tally: inout HTTPLoadTally
    ) {
        do {
            let status = try connection.exchange(wire)
            let done = HTTPLoadClock.now()
            if recorded {
                tally.record(status: status, latency: done &- origin, completion: done)
            }
        } catch {
            let done = HTTPLoadClock.now()
            if recorded {
                tally.record(error, completion: done)
            }
            if case .connect = error {
                HTTPLoadClock.sleep(until: done + 10_000_000)
            }
        }
    }

    /// Starts `count` connection threads, lets each connect, starts them together and merges their tallies.
    /// - Returns: the merged tally and when the measured window began (``HTTPLoadClock`` nanoseconds).
    private func runConnections(
        _ count: Int,
        threadName: String,
        reservingSamples capacity: Int,
        _ loop: @escaping @Sendable (HTTPLoadConnection, SharedCounter, UInt64, inout HTTPLoadTally) -> Void
    ) async -> (tally: HTTPLoadTally, measureStart: UInt64) {
        let gate = HTTPLoadStartGate(expected: count)
        let counter = SharedCounter()
        let host = host
        let port = port
        let timeout = responseTimeout
        let warmUpNanoseconds = HTTPLoadClock.nanoseconds(warmUp)
        let merged = await withTaskGroup(of: HTTPLoadTally.self) { group in
            for number in 0..<count {
                group.addTask {
                    await DedicatedThread.run(name: "\(threadName)-\(number)") {
                        var tally = HTTPLoadTally(reservingSamples: capacity)
                        let connection = HTTPLoadConnection(host: host, port: port, timeout: timeout)
                        // A failed first connect is not counted: the first exchange retries and counts it.
                        try? connection.connect()
                        let start = gate.arriveAndWait()
                        loop(connection, counter, start, &tally)
                        connection.close()
                        return tally
                    }
                }
            }
            var merged = HTTPLoadTally(reservingSamples: 0)
            for await tally in group {
                merged.merge(tally)
            }
            return merged
        }
        return (merged, gate.startTime + warmUpNanoseconds)
    }
}
