import Foundation

/// The figures of one load run over its measured window (warm-up excluded).
struct HTTPLoadResult: Sendable {
    enum Mode: Sendable, Equatable {
        /// Open loop at this many requests per second; latency counts from each request's intended start.
        case fixedRate(requestsPerSecond: Int)
        /// Closed loop, every connection back to back; latency counts from the send.
        case peak
    }

    let mode: Mode
    let connections: Int
    /// 2xx responses.
    let completed: Int
    /// Responses by status code, 2xx included.
    let statusCounts: [Int: Int]
    /// Connect, send or receive failures (refused, reset, timed out, closed early); each reconnects.
    let socketErrors: Int
    /// Responses that were not valid HTTP/1.1.
    let protocolErrors: Int
    /// Fixed rate only: requests of the window never sent because the generator was still behind schedule by more
    /// than the drain allowance when the window ended. Nonzero means the server did not keep up at all.
    let notSent: Int
    /// Fixed rate only: requests sent more than 1 ms after their intended time (the generator or server fell behind;
    /// their latency includes that wait, which is the point).
    let lateStarts: Int
    /// From the window's start to the later of its end and the last recorded response.
    let elapsed: Duration
    /// Latency of the 2xx responses; nil when there were none.
    let latency: HTTPLoadLatencies?
    /// Every 2xx response's latency in nanoseconds (unsorted), so runs can be merged (``merging(_:)``).
    let latencySamples: [UInt64]
    /// The first failure seen, to say why errors happened.
    let firstFailure: String?

    /// Non-2xx responses by status code.
    var errorStatusCounts: [Int: Int] {
        statusCounts.filter { !(200..<300).contains($0.key) }
    }

    /// Non-2xx responses plus socket and protocol errors.
    var errors: Int {
        errorStatusCounts.values.reduce(0, +) + socketErrors + protocolErrors
    }

    /// Achieved rate: 2xx responses per second of ``elapsed``.
    var requestsPerSecond: Double {
        let seconds = Formatting.seconds(elapsed)
        return seconds > 0 ? Double(completed) / seconds : 0
    }

    /// One line for the console, e.g. `2,000 req/s (offered 2,000) p50 0.4 ms p99 1.2 ms p99.9 3.0 ms max 4.1 ms, 0 errors`.
    var summary: String {
        var parts: [String] = []
        switch mode {
        case .fixedRate(let offered):
            parts.append("\(Formatting.rate(requestsPerSecond)) req/s (offered \(Formatting.grouped(offered)))")
        case .peak:
            parts.append("\(Formatting.rate(requestsPerSecond)) req/s (peak)")
        }
        parts.append(connections == 1 ? "1 connection" : "\(connections) connections")
        if let latency {
            parts.append(
                "p50 \(Self.milliseconds(latency.p50)) p99 \(Self.milliseconds(latency.p99))"
                    + " p99.9 \(Self.milliseconds(latency.p999)) max \(Self.milliseconds(latency.maximum))"
            )
        }
        var errorText = "\(Formatting.grouped(errors)) errors"
        let details = errorStatusCounts.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }
            + (socketErrors > 0 ? ["socket×\(socketErrors)"] : [])
            + (protocolErrors > 0 ? ["malformed×\(protocolErrors)"] : [])
        if !details.isEmpty { errorText += " (\(details.joined(separator: ", ")))" }
        parts.append(errorText)
        if case .fixedRate = mode {
            parts.append("\(Formatting.grouped(lateStarts)) late")
            if notSent > 0 { parts.append("\(Formatting.grouped(notSent)) not sent") }
        }
        return parts.joined(separator: ", ")
    }

    /// Milliseconds with two decimals: sub-millisecond latencies are the normal case here.
    private static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.2f ms", Formatting.seconds(duration) * 1000)
    }
}

extension HTTPLoadResult {
    /// The result of a run from its merged thread tallies.
    /// - Parameters:
    ///   - window: the measured window's length in nanoseconds.
    ///   - measureStart: when the window began (``HTTPLoadClock`` nanoseconds).
    init(mode: Mode, connections: Int, tally: HTTPLoadTally, notSent: Int, window: UInt64, measureStart: UInt64) {
        var statusCounts: [Int: Int] = [:]
        for (status, count) in tally.statusCounts.enumerated() where count > 0 {
            statusCounts[status] = count
        }
        let lastResponse = tally.lastCompletion > measureStart ? tally.lastCompletion - measureStart : 0
        self.init(
            mode: mode,
            connections: connections,
            completed: tally.latencies.count,
            statusCounts: statusCounts,
            socketErrors: tally.socketErrors,
            protocolErrors: tally.protocolErrors,
            notSent: notSent,
            lateStarts: tally.lateStarts,
            elapsed: .nanoseconds(Int64(max(window, lastResponse))),
            latency: HTTPLoadLatencies(nanoseconds: tally.latencies),
            latencySamples: tally.latencies,
            firstFailure: tally.firstFailure
        )
    }

    /// Several runs of the same kind as one: counts and measured time added, latency over every sample. For
    /// rounds that alternate with another condition, so drifting load on a shared machine hits both alike.
    /// Nil for no runs.
    static func merging(_ results: [HTTPLoadResult]) -> HTTPLoadResult? {
        guard let first = results.first else { return nil }
        var statusCounts: [Int: Int] = [:]
        var samples: [UInt64] = []
        samples.reserveCapacity(results.reduce(0) { $0 + $1.latencySamples.count })
        for result in results {
            statusCounts.merge(result.statusCounts, uniquingKeysWith: +)
            samples.append(contentsOf: result.latencySamples)
        }
        return HTTPLoadResult(
            mode: first.mode,
            connections: first.connections,
            completed: results.reduce(0) { $0 + $1.completed },
            statusCounts: statusCounts,
            socketErrors: results.reduce(0) { $0 + $1.socketErrors },
            protocolErrors: results.reduce(0) { $0 + $1.protocolErrors },
            notSent: results.reduce(0) { $0 + $1.notSent },
            lateStarts: results.reduce(0) { $0 + $1.lateStarts },
            elapsed: results.reduce(Duration.zero) { $0 + $1.elapsed },
            latency: HTTPLoadLatencies(nanoseconds: samples),
            latencySamples: samples,
            firstFailure: results.lazy.compactMap(\.firstFailure).first
        )
    }
}
