import Foundation

/// Start-up failures a service's `main` reports: one line on standard error, then exit status 1.
public enum StandardError {
    /// The line written for a failure: `<service>: cannot start: <reason>`, line breaks flattened.
    static func line(service: String, reason: String) -> String {
        ConfigurationError.singleLine("\(service): cannot start: \(reason)")
    }

    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes `<service>: cannot start: <reason>` on standard error and exits with status 1.
    public static func exit(service: String, reason: String) -> Never {
        write(line(service: service, reason: reason))
        Foundation.exit(1)
    }

    /// For commands that are not a start-up (e.g. `orders api-keys revoke`): writes `<command>: <reason>` on
    /// standard error, on one line, and exits with status 1.
    public static func exit(command: String, reason: String) -> Never {
        write(ConfigurationError.singleLine("\(command): \(reason)"))
        Foundation.exit(1)
    }
}
