import Foundation
import ServiceKit

/// Durations as operators type and read them: `500ms`, `5s`, `1m` in; `850ms`, `12.3s`, `4m05s`, `2h03m`, `3d04h` out.
enum DurationText {
    /// Parses a whole number and a unit (`ms`, `s`, `m`, `h`), the same syntax as the services' environment.
    static func parse(_ text: String) -> Duration? {
        EnvironmentReader.parseDuration(text.trimmingCharacters(in: .whitespaces))
    }

    /// A short human form of an age given in milliseconds, precise for small ages and coarse for large ones.
    static func format(milliseconds: Int64) -> String {
        let milliseconds = max(0, milliseconds)
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        if milliseconds < 60_000 {
            let tenths = milliseconds / 100
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let seconds = milliseconds / 1000
        if seconds < 3600 { return "\(seconds / 60)m\(twoDigits(seconds % 60))s" }
        let minutes = seconds / 60
        if minutes < 48 * 60 { return "\(minutes / 60)h\(twoDigits(minutes % 60))m" }
        let hours = minutes / 60
        return "\(hours / 24)d\(twoDigits(hours % 24))h"
    }

    /// `duration` in the syntax ``parse(_:)`` reads, e.g. `1s` or `250ms`.
    static func format(_ duration: Duration) -> String {
        EnvironmentReader.formatDuration(duration)
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
