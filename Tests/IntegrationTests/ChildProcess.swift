import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A program started with `posix_spawn`, its standard output and error appended to a log file, its exit collected
/// by `waitpid` on a thread of its own.
///
/// Not Foundation's `Process`: on Linux it can miss a child's exit when SIGCHLDs coalesce (which left a test waiting
/// forever, see `StackControl`), and `waitpid` is a blocking call that must not run on Swift's cooperative pool.
final class ChildProcess: Sendable {
    let name: String
    let pid: pid_t
    private let exit: Mutex<Int32?>

    private init(name: String, pid: pid_t) {
        self.name = name
        self.pid = pid
        exit = Mutex(nil)
    }

    /// Starts `executable` with exactly `environment` (no variable is inherited), standard input from `/dev/null`
    /// and standard output and error appended to `logFile`.
    static func spawn(name: String, executable: String, arguments: [String] = [], environment: [String: String], logFile: String) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The test process holds sockets to PostgreSQL, RabbitMQ and the services; the child must not keep them open
        // (most are close-on-exec already; this catches the rest where glibc offers it).
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw SuiteSetupError("cannot start \(name) (\(executable)): \(String(cString: strerror(spawned)))")
        }
        let child = ChildProcess(name: name, pid: pid)
        let reaper = Thread { child.reap() }
        reaper.name = "reap-\(name)"
        reaper.start()
        return child
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which the Glibc module does not import.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// The exit status (`128 + signal` when a signal ended it), or nil while it runs.
    var exitStatus: Int32? { exit.withLock { $0 } }

    var isRunning: Bool { exitStatus == nil }

    /// Sends `signal` unless the process already ended (its pid may then belong to another process).
    func send(_ signal: Int32) {
        exit.withLock { status in
            if status == nil { _ = kill(pid, signal) }
        }
    }

    /// Waits for the exit; nil if the process still runs after `timeout`.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = exitStatus { return status }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return exitStatus
    }

    /// Blocks a dedicated thread in `waitpid` until the child ends, then records how it ended.
    private func reap() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else {
                // ECHILD: someone else reaped it; all that is known is that it ended.
                exit.withLock { $0 = -1 }
                return
            }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        exit.withLock { $0 = code }
    }
}
