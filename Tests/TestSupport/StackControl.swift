import Foundation

/// Kills and restarts the local stack's servers, for tests that prove nothing is lost when they crash.
///
/// Runs `deploy/local/stack broker|database <action>` (found through `WHOLESAIL_STACK`, which
/// `deploy/local/stack test` exports, or relative to this source file). Only servers the stack
/// started can be controlled; such tests run in their own serialized invocation (ResilienceTests).
public struct StackControl: Sendable {
    public let script: String

    public init() {
        if let script = ProcessInfo.processInfo.environment["WHOLESAIL_STACK"], !script.isEmpty {
            self.script = script
        } else {
            // Tests/TestSupport/StackControl.swift → <checkout>/deploy/local/stack
            let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            self.script = checkout.appendingPathComponent("deploy/local/stack").path
        }
    }

    /// SIGKILLs RabbitMQ (no clean shutdown: unconfirmed publishes and unacked deliveries are cut off).
    public func killBroker() async throws { try await run("broker", "kill") }
    /// Starts RabbitMQ again and returns once it accepts AMQP connections.
    public func startBroker() async throws { try await run("broker", "start") }
    /// SIGKILLs the PostgreSQL postmaster and its backends.
    public func killDatabase() async throws { try await run("database", "kill") }
    /// Starts PostgreSQL again (it replays its WAL) and returns once it accepts connections.
    public func startDatabase() async throws { try await run("database", "start") }
    /// `pg_ctl restart -m fast`: every session is terminated, the server comes back.
    public func restartDatabase() async throws { try await run("database", "restart") }

    /// Runs the script without blocking Swift's cooperative threads (it can take ~10 s).
    private func run(_ arguments: String...) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = arguments
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("wholesail-stack-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try? handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: log)
        guard status == 0 else {
            throw TestEnvironmentError(
                "`\(script) \(arguments.joined(separator: " "))` failed (exit \(status)): \(output). These tests need servers started by `deploy/local/stack up` (run them with `deploy/local/stack test`)."
            )
        }
    }
}
