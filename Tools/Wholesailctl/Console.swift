import Foundation

/// Where wholesailctl writes: results to standard output, the one-line failure to standard error.
///
/// Commands write through ``current``, a task-local, so a test can capture one call's output without touching the
/// process's streams (and parallel tests never mix their lines).
struct Console: Sendable {
    /// The console of the running command; the process's standard streams unless a caller bound another.
    @TaskLocal static var current = Console.standard

    /// Standard output and standard error.
    static let standard = Console(
        writeOutput: { line in print(line) },
        writeError: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    )

    private let writeOutput: @Sendable (String) -> Void
    private let writeError: @Sendable (String) -> Void

    init(writeOutput: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void) {
        self.writeOutput = writeOutput
        self.writeError = writeError
    }

    /// Writes one line (or several, for a multi-line text) of results.
    func output(_ text: String) {
        writeOutput(text)
    }

    /// Writes a failure or warning line.
    func error(_ text: String) {
        writeError(text)
    }
}
