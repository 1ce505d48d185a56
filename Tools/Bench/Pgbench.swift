import Foundation
import Persistence

/// PostgreSQL's own load generator, the baseline for the transaction figures: a C client over libpq with
/// nothing between the script and the wire.
struct Pgbench: Sendable {
    /// The `application_name` of pgbench's sessions (to find its backends in `pg_stat_activity`).
    static let applicationName = "wholesail-bench-pgbench"

    let executable: String

    /// The `pgbench` to run: `explicit` if given, else the one in `pg_config --bindir`, the Debian path, or `PATH`.
    static func locate(explicit: String?) async throws(BenchError) -> Pgbench {
        let fileManager = FileManager.default
        if let explicit {
            guard fileManager.isExecutableFile(atPath: explicit) else {
                throw BenchError("--pgbench \(explicit) is not an executable file")
            }
            return Pgbench(executable: explicit)
        }
        var candidates: [String] = []
        if let binDirectory = await pgConfigBinDirectory() {
            candidates.append("\(binDirectory)/pgbench")
        }
        candidates.append("/usr/lib/postgresql/15/bin/pgbench")
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        candidates += path.split(separator: ":").map { "\($0)/pgbench" }
        guard let found = candidates.first(where: { fileManager.isExecutableFile(atPath: $0) }) else {
            throw BenchError(
                "pgbench not found (looked in `pg_config --bindir`, /usr/lib/postgresql/15/bin and PATH); "
                    + "it ships with the PostgreSQL server package that `\(BenchEnvironment.startCommand)` installs, or pass --pgbench PATH"
            )
        }
        return Pgbench(executable: found)
    }

    private static func pgConfigBinDirectory() async -> String? {
        let output = await DedicatedThread.run(name: "bench-pg-config") { () -> String? in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["pg_config", "--bindir"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                return nil
            }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return output.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs `script` with `clients` clients and threads for `seconds` (`-n -M extended`) and returns its tps.
    func run(
        script: String,
        variables: [(name: String, value: String)],
        clients: Int,
        seconds: Int,
        database: PostgresConfiguration,
        scriptName: String
    ) async throws(BenchError) -> Double {
        let scriptURL = FileManager.default.temporaryDirectory.appendingPathComponent("\(scriptName).sql")
        do {
            try Data(script.utf8).write(to: scriptURL)
        } catch {
            throw BenchError("cannot write the pgbench script \(scriptURL.path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: scriptURL) }

        var arguments = [
            "-n", "-M", "extended",
            "-c", String(clients), "-j", String(clients), "-T", String(seconds),
            "-f", scriptURL.path,
            "-h", database.host, "-p", String(database.port), "-U", database.user,
        ]
        for variable in variables {
            arguments += ["-D", "\(variable.name)=\(variable.value)"]
        }
        arguments.append(database.database)
        var environment = ProcessInfo.processInfo.environment
        environment["PGAPPNAME"] = Self.applicationName
        if let password = database.password {
            environment["PGPASSWORD"] = password
        }
        let executable = executable
        let processArguments = arguments
        let processEnvironment = environment
        let finished = await DedicatedThread.run(name: "bench-pgbench") { () -> Result<(Int32, String), BenchError> in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = processArguments
            process.environment = processEnvironment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            // The child inherits this thread's signal mask, and the Swift runtime's threads block SIGALRM,
            // which pgbench's -T timer needs: without this, pgbench never stops. Unblock while spawning.
            var unblocked = sigset_t()
            var previous = sigset_t()
            sigemptyset(&unblocked)
            pthread_sigmask(SIG_SETMASK, &unblocked, &previous)
            let started = Result { try process.run() }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
            if case .failure(let error) = started {
                return .failure(BenchError("cannot start \(executable): \(error)"))
            }
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return .success((process.terminationStatus, String(decoding: output, as: UTF8.self)))
        }
        let (status, output) = try finished.get()
        let lines = output.split(separator: "\n")
        guard status == 0 else {
            throw BenchError("pgbench exited with status \(status): \(lines.suffix(4).joined(separator: " | "))")
        }
        return try Self.transactionsPerSecond(in: output)
    }

    /// pgbench 14+ prints `tps = 1234.567890 (without initial connection time)`; older versions print
    /// two `tps =` lines, the second "excluding connections establishing". The last one is the figure.
    static func transactionsPerSecond(in output: String) throws(BenchError) -> Double {
        let tpsLines = output.split(separator: "\n").filter { $0.hasPrefix("tps = ") }
        guard let line = tpsLines.last,
            let number = line.dropFirst("tps = ".count).split(separator: " ").first,
            let tps = Double(number)
        else {
            throw BenchError("no `tps = …` line in pgbench's output: \(output.split(separator: "\n").suffix(4).joined(separator: " | "))")
        }
        if let failed = output.split(separator: "\n").first(where: { $0.hasPrefix("number of failed transactions: ") }),
            !failed.hasPrefix("number of failed transactions: 0 ")
        {
            throw BenchError("pgbench reported failures: \(failed)")
        }
        return tps
    }
}
