import Foundation
import Synchronization
@testable import Wholesailctl

/// One in-process run of `wholesailctl`: its exit status and the lines it wrote to each stream.
struct WholesailctlRun: Sendable {
    var status: Int32
    var output: [String]
    var errors: [String]

    /// Everything written to standard output, as one text.
    var text: String { output.joined(separator: "\n") }

    /// Runs `wholesailctl arguments…` with its console captured (a task-local, so parallel tests never mix output).
    static func run(_ arguments: [String]) async -> WholesailctlRun {
        let captured = CapturedLines()
        let console = Console(writeOutput: { captured.append(output: $0) }, writeError: { captured.append(error: $0) })
        let status = await Console.$current.withValue(console) {
            await WholesailctlCommand.execute(arguments)
        }
        let (output, errors) = captured.lines
        return WholesailctlRun(status: status, output: output, errors: errors)
    }
}

/// `wholesailctl arguments…`, run in this process with its output captured.
func wholesailctl(_ arguments: String...) async -> WholesailctlRun {
    await WholesailctlRun.run(arguments)
}

/// Lines written by a captured console, split at line breaks.
final class CapturedLines: Sendable {
    private let state = Mutex<(output: [String], errors: [String])>(([], []))

    func append(output text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        state.withLock { $0.output += lines }
    }

    func append(error text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        state.withLock { $0.errors += lines }
    }

    var lines: (output: [String], errors: [String]) {
        state.withLock { ($0.output, $0.errors) }
    }
}
