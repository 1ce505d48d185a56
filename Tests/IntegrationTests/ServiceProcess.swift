import Foundation
import SuiteDriver
import Synchronization

/// One of the suite's programs (a service or the ERP simulator): how to start it — executable, environment, HTTP
/// port, log file — and the process currently running it. Restarts reuse the same environment and port.
final class ServiceProcess: Sendable {
    let name: String
    let executable: String
    let environment: [String: String]
    let port: Int
    let logFile: String
    private let current: Mutex<ChildProcess?>

    init(name: String, executable: String, environment: [String: String], port: Int, logFile: String) {
        self.name = name
        self.executable = executable
        self.environment = environment
        self.port = port
        self.logFile = logFile
        current = Mutex(nil)
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/") }

    /// Starts the program (it must not be running).
    func start() throws {
        let child = try ChildProcess.spawn(name: name, executable: executable, environment: environment, logFile: logFile)
        current.withLock { $0 = child }
    }

    /// Polls `GET /health/ready` every 200 ms until it answers 200; fails at once, with the end of the log, when the
    /// process exits, and after `timeout` otherwise.
    func waitUntilReady(client: SuiteClient, timeout: Duration = .seconds(90)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await client.isReady(baseURL) { return }
            if let status = current.withLock({ $0?.exitStatus }) {
                throw SuiteSetupError("\(name) exited with status \(status) before it was ready; the end of \(logFile):\n\(logTail())")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw SuiteSetupError("\(name) was not ready at \(baseURL)/health/ready within \(timeout); the end of \(logFile):\n\(logTail())")
    }

    /// SIGKILL — no graceful shutdown: in-flight handlers, unacknowledged deliveries and unpublished outbox rows are
    /// cut off where they stand. Returns once the process is gone.
    func kill() async throws {
        guard let child = current.withLock({ $0 }) else { return }
        child.send(SIGKILL)
        guard await child.waitForExit(timeout: .seconds(30)) != nil else {
            throw SuiteSetupError("\(name) (pid \(child.pid)) did not end within 30 s of SIGKILL")
        }
    }

    /// SIGTERM (a graceful shutdown), then SIGKILL if it still runs after `timeout`.
    func stop(timeout: Duration = .seconds(20)) async {
        guard let child = current.withLock({ $0 }) else { return }
        child.send(SIGTERM)
        if await child.waitForExit(timeout: timeout) == nil {
            child.send(SIGKILL)
            _ = await child.waitForExit(timeout: .seconds(10))
        }
    }

    /// The last lines of the log, for failure messages.
    func logTail(lines: Int = 25) -> String {
        guard let text = try? String(contentsOfFile: logFile, encoding: .utf8) else { return "(no log at \(logFile))" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}
