/// What one connection thread saw during the measured window; merged into an ``HTTPLoadResult`` at the end.
///
/// Each thread owns its tally, so recording is a plain array append and counter increment — no lock or
/// atomic on the request path. Latencies are `UInt64` nanoseconds in an array reserved up front.
struct HTTPLoadTally: Sendable {
    /// Latency of every 2xx response, in nanoseconds.
    var latencies: [UInt64]
    /// Responses by status code (index = code, 100…599).
    var statusCounts: [Int]
    var socketErrors = 0
    var protocolErrors = 0
    /// Requests of the window that this thread began (sent or tried to).
    var attempted = 0
    /// Requests sent more than ``HTTPLoadGenerator/lateThreshold`` after their intended time.
    var lateStarts = 0
    /// When the last recorded exchange ended (``HTTPLoadClock`` nanoseconds).
    var lastCompletion: UInt64 = 0
    /// The first failure's text, to tell the reader why errors happened.
    var firstFailure: String?

    init(reservingSamples capacity: Int) {
        latencies = []
        latencies.reserveCapacity(capacity)
        statusCounts = [Int](repeating: 0, count: 600)
    }

    mutating func record(status: Int, latency: UInt64, completion: UInt64) {
        statusCounts[status] += 1
        if (200..<300).contains(status) {
            latencies.append(latency)
        } else if firstFailure == nil {
            firstFailure = "HTTP status \(status)"
        }
        lastCompletion = max(lastCompletion, completion)
    }

    mutating func record(_ failure: HTTPLoadConnection.Failure, completion: UInt64) {
        switch failure {
        case .connect, .socket: socketErrors += 1
        case .protocolViolation: protocolErrors += 1
        }
        if firstFailure == nil { firstFailure = failure.description }
        lastCompletion = max(lastCompletion, completion)
    }

    /// Adds another thread's tally to this one.
    mutating func merge(_ other: HTTPLoadTally) {
        latencies.append(contentsOf: other.latencies)
        for index in statusCounts.indices { statusCounts[index] += other.statusCounts[index] }
        socketErrors += other.socketErrors
        protocolErrors += other.protocolErrors
        attempted += other.attempted
        lateStarts += other.lateStarts
        lastCompletion = max(lastCompletion, other.lastCompletion)
        if firstFailure == nil { firstFailure = other.firstFailure }
    }
}
