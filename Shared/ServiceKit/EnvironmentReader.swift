import Foundation

/// Typed access to environment variables, each with a default, throwing a one-line ``ConfigurationError`` for a
/// value that does not parse or is out of range.
///
/// A variable that is unset, empty or only whitespace takes its default: deployment tools often pass `NAME=` for
/// "not set". Values are trimmed of surrounding whitespace.
///
/// ```swift
/// let environment = EnvironmentReader()
/// let port = try environment.integer("WHOLESAIL_HTTP_PORT", default: 28083, in: 0...65535)
/// let delays = try environment.durations("WHOLESAIL_RETRY_DELAYS", default: [.seconds(1), .seconds(10)])
/// ```
public struct EnvironmentReader: Sendable {
    /// The variables read, by name.
    public let values: [String: String]

    /// - Parameter values: the variables; the process environment by default, a dictionary in tests.
    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    /// The trimmed value, or nil when the variable is unset or blank.
    public func value(_ name: String) -> String? {
        guard let raw = values[name] else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A string, or `default` when unset.
    public func string(_ name: String, default defaultValue: String) -> String {
        value(name) ?? defaultValue
    }

    /// A whole number within `range`.
    public func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let text = value(name) else { return defaultValue }
        let expected = "an integer from \(range.lowerBound) to \(range.upperBound)"
        guard let number = Int(text) else {
            throw ConfigurationError(variable: name, value: text, expected: expected)
        }
        guard range.contains(number) else {
            throw ConfigurationError(variable: name, value: text, expected: expected)
        }
        return number
    }

    /// A duration written as a whole number and a unit: `250ms`, `2s`, `1m`, `1h`.
    public func duration(
        _ name: String,
        default defaultValue: Duration,
        in range: ClosedRange<Duration>? = nil
    ) throws(ConfigurationError) -> Duration {
        guard let text = value(name) else { return defaultValue }
        guard let duration = Self.parseDuration(text), range?.contains(duration) ?? true else {
            throw ConfigurationError(variable: name, value: text, expected: Self.durationExpectation(range))
        }
        return duration
    }

    /// A comma-separated list of durations such as `1s,10s,60s`; `none` is the empty list.
    public func durations(
        _ name: String,
        default defaultValue: [Duration],
        eachIn range: ClosedRange<Duration>? = nil
    ) throws(ConfigurationError) -> [Duration] {
        guard let text = value(name) else { return defaultValue }
        if text.lowercased() == "none" { return [] }
        var durations: [Duration] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            guard let duration = Self.parseDuration(trimmed), range?.contains(duration) ?? true else {
                throw ConfigurationError(
                    variable: name,
                    value: text,
                    expected: "a comma-separated list like 1s,10s,60s (or none), each \(Self.durationExpectation(range))"
                )
            }
            durations.append(duration)
        }
        return durations
    }

    /// An absolute URL whose scheme is one of `schemes` and which names a host.
    ///
    /// A password in the URL never appears in an error message.
    public func url(_ name: String, default defaultValue: String, schemes: [String]) throws(ConfigurationError) -> URL {
        let text = value(name) ?? defaultValue
        let expected = "a URL starting with \(schemes.map { "\($0)://" }.joined(separator: " or ")) that names a host"
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), schemes.contains(scheme),
            let host = components.host, !host.isEmpty,
            let url = components.url
        else {
            throw ConfigurationError(variable: name, value: Self.redacted(text), expected: expected)
        }
        return url
    }

    /// A boolean: `true`/`false`, `yes`/`no`, `on`/`off` or `1`/`0`, in any case.
    public func boolean(_ name: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
        guard let text = value(name) else { return defaultValue }
        switch text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default:
            throw ConfigurationError(variable: name, value: text, expected: "true or false (also yes/no, on/off, 1/0)")
        }
    }

    /// One of a fixed set of words (case-insensitive), e.g. a log level.
    public func choice<Value>(_ name: String, default defaultValue: Value, from choices: KeyValuePairs<String, Value>) throws(ConfigurationError) -> Value {
        guard let text = value(name) else { return defaultValue }
        guard let match = choices.first(where: { $0.key.lowercased() == text.lowercased() }) else {
            throw ConfigurationError(variable: name, value: text, expected: "one of \(choices.map(\.key).joined(separator: ", "))")
        }
        return match.value
    }

    // MARK: Formats

    /// Parses `250ms`, `2s`, `1m` or `1h` (a whole number and a unit); nil for anything else.
    public static func parseDuration(_ text: String) -> Duration? {
        let units: [(suffix: String, milliseconds: Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        // "ms" is tested before "s" and "m" so `250ms` is not read as 250m + "s".
        for unit in units where text.hasSuffix(unit.suffix) {
            let digits = text.dropLast(unit.suffix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let number = Int64(digits) else {
                return nil
            }
            let (milliseconds, overflow) = number.multipliedReportingOverflow(by: unit.milliseconds)
            guard !overflow else { return nil }
            return .milliseconds(milliseconds)
        }
        return nil
    }

    /// A duration the way configuration writes it: the largest unit that divides it (`90s`, `2m`, `250ms`).
    public static func formatDuration(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds != 0, milliseconds % 3_600_000 == 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds != 0, milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }

    private static func durationExpectation(_ range: ClosedRange<Duration>?) -> String {
        guard let range else { return "a duration written like 250ms, 2s, 1m or 1h" }
        return "a duration from \(formatDuration(range.lowerBound)) to \(formatDuration(range.upperBound)) written like 250ms, 2s, 1m or 1h"
    }

    /// The URL with the password (if any) replaced by `***`.
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return url }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<userInfo.index(after: colon)]) + "***" + String(url[at...])
    }
}
