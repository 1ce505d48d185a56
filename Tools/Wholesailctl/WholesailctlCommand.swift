import ArgumentParser
import Foundation

/// `wholesailctl`: the operator's command line for a running Wholesail — topology, dead letters, outboxes, order
/// timelines, channel keys.
///
/// Failures are one line on standard error, `wholesailctl: <what went wrong>; <what to do>`, never a stack trace.
/// Exit status: 0 done, 1 a server could not be reached or the operation failed, 2 bad arguments.
@main
struct WholesailctlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wholesailctl",
        abstract: "Operate a running Wholesail: broker topology, dead-letter queues, outboxes, order timelines, channel keys.",
        discussion: """
            Connections default to $WHOLESAIL_AMQP_URL and $WHOLESAIL_DATABASE_URL, else to the local stack's \
            administrator (deploy/local/stack up). Exit status: 0 done, 1 unreachable server or failed operation, \
            2 bad arguments.
            """,
        subcommands: [
            TopologyCommand.self,
            DeadLetterCommand.self,
            OutboxCommand.self,
            OrdersCommand.self,
            ChannelKeyCommand.self,
        ]
    )

    /// Exit status for bad arguments (ArgumentParser's own default is EX_USAGE, 64).
    static let usageExitStatus: Int32 = 2

    static func main() async {
        let status = await execute(Array(CommandLine.arguments.dropFirst()))
        Foundation.exit(status)
    }

    /// Parses and runs `arguments` (without the program name), writing to ``Console/current``.
    /// - Returns: the exit status: 0 done, 1 failed, 2 bad arguments.
    static func execute(_ arguments: [String]) async -> Int32 {
        let console = Console.current
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as WholesailctlError {
            console.error("wholesailctl: " + WholesailctlError.singleLine(error.message))
            return error.exitStatus
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version, `help <command>`.
                console.output(fullMessage(for: error))
                return 0
            }
            var line = "wholesailctl: " + WholesailctlError.singleLine(message(for: error))
            guard code == .validationFailure else {
                console.error(line)
                return code.rawValue
            }
            if let hint = helpHint(in: fullMessage(for: error)) { line += " (see '\(hint)')" }
            console.error(line)
            return usageExitStatus
        }
    }

    /// The `wholesailctl … --help` command ArgumentParser's full usage message points to, if any.
    static func helpHint(in fullMessage: String) -> String? {
        guard let start = fullMessage.range(of: "See '"),
              let end = fullMessage[start.upperBound...].range(of: "'")
        else { return nil }
        return String(fullMessage[start.upperBound..<end.lowerBound])
    }
}
