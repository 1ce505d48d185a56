import Logging

extension Logger {
    /// A logger that drops everything: the libraries' reconnect warnings would otherwise interleave with the
    /// command's output; a failure reaches the operator as the command's one error line instead.
    static func silent(_ label: String) -> Logger {
        Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
    }
}
