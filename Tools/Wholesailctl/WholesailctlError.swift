import ArgumentParser

/// A wholesailctl command that could not do its work: what went wrong and what to do about it, written as one line
/// on standard error (`wholesailctl: …`), and the exit status.
struct WholesailctlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line shown after `wholesailctl: ` (line breaks are flattened when it is written).
    var message: String
    /// 2 for a bad argument found only once the command ran (such as a channel name the store refuses),
    /// 1 for an unreachable server or a failed operation.
    var exitStatus: Int32

    /// A failed operation or an unreachable server: exit status 1.
    static func failure(_ message: String) -> WholesailctlError {
        WholesailctlError(message: message, exitStatus: 1)
    }

    /// A bad argument: exit status 2, like ArgumentParser's own validation.
    static func usage(_ message: String) -> WholesailctlError {
        WholesailctlError(message: message, exitStatus: 2)
    }

    var description: String { message }

    /// `text` on one line: line breaks become spaces, so a server's multi-line message never spills.
    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
