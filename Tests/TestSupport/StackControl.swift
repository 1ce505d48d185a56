import Foundation

#if canImport(Glibc)
import Glibc
#endif

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

    /// Runs the script on a thread of its own (it can take ~10 s), so Swift's cooperative threads never block.
    ///
    /// Spawns with `posix_spawn` and waits with `waitpid` for that pid: Foundation's `Process` on Linux
    /// can miss the child's exit when SIGCHLDs coalesce, which left a test waiting forever.
    private func run(_ arguments: String...) async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("wholesail-stack-\(UUID().uuidString).log").path
        let command = [script] + arguments
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Self.spawnAndWait(command, output: log))
            }
            thread.name = "stack-control"
            thread.start()
        }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: log)
        guard status == 0 else {
            throw TestEnvironmentError(
                "`\(command.joined(separator: " "))` failed (exit \(status)): \(output). These tests need servers started by `deploy/local/stack up` (run them with `deploy/local/stack test`)."
            )
        }
    }

    private static func spawnAndWait(_ command: [String], output: String) -> Result<Int32, any Error> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, command[0], &actions, nil, arguments, environ)
        guard spawned == 0 else {
            return .failure(TestEnvironmentError("cannot run \(command[0]): \(String(cString: strerror(spawned)))"))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else {
                return .failure(TestEnvironmentError("waiting for \(command[0]) failed: \(String(cString: strerror(errno)))"))
            }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        let exited = status & 0x7f == 0
        return .success(exited ? (status >> 8) & 0xff : 128 + (status & 0x7f))
    }
}
