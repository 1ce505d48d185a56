import Foundation
import Logging
import Prometheus
import ServiceKit
import Synchronization
import WholesailTestSupport

/// Runs a ``ServiceHTTPServer`` on 127.0.0.1 with a free port for the length of `body`, then shuts it down.
enum TestHTTPServer {
    static func with<Value>(
        readinessChecks: [any ReadinessCheck] = [],
        readinessTimeout: Duration = .seconds(2),
        maximumRequestBodySize: Int = ServiceRequestContext.defaultMaximumBodySize,
        logger: Logger = testLogger("servicekit-http"),
        metricsRegistry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        routes: @escaping @Sendable (ServiceRouter) throws -> Void = { _ in },
        _ body: (HTTPTestClient) async throws -> Value
    ) async throws -> Value {
        let server = ServiceHTTPServer(
            name: "servicekit-test",
            configuration: ServiceHTTPServer.Configuration(
                host: "127.0.0.1", port: 0,
                maximumRequestBodySize: maximumRequestBodySize,
                readinessTimeout: readinessTimeout
            ),
            logger: logger,
            metricsRegistry: metricsRegistry,
            readinessChecks: readinessChecks,
            routes: routes
        )
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = try server.makeApplication { port in
            continuation.yield(port)
            continuation.finish()
        }
        let running = RunningServices([application], logger: logger)
        let outcome: Result<Value, any Error>
        do {
            let port = try await firstValue(of: ports, within: .seconds(10))
            outcome = .success(try await body(HTTPTestClient(port: port)))
        } catch {
            outcome = .failure(error)
        }
        try await running.stop()
        return try outcome.get()
    }

    private static func firstValue(of stream: AsyncStream<Int>, within timeout: Duration) async throws -> Int {
        try await withThrowingTaskGroup(of: Int?.self) { group in
            group.addTask {
                var iterator = stream.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let port = first else { throw TestFailure("the HTTP server did not start listening within \(timeout)") }
            return port
        }
    }
}

/// Collects the JSON lines a ``StructuredLogHandler`` writes, for assertions on logs.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    func logger(_ label: String, level: Logger.Level = .debug) -> Logger {
        let output = LogLineOutput { line in self.lines.withLock { $0.append(line) } }
        var logger = Logger(label: label) { label in StructuredLogHandler(label: label, level: level, output: output) }
        logger.logLevel = level
        return logger
    }

    var captured: [String] { lines.withLock { $0 } }

    /// Each captured line parsed as a JSON object.
    func records() throws -> [[String: Any]] {
        try captured.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw TestFailure("log line is not a JSON object: \(line)")
            }
            return object
        }
    }
}
