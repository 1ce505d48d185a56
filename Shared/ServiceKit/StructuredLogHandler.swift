import Contracts
import Foundation
import Logging

/// A swift-log handler writing one JSON object per line, for log collectors:
///
/// ```json
/// {"timestamp":"2026-11-27T14:01:02.123Z","level":"info","label":"orders","message":"consuming","source":"Outbox",
///  "metadata":{"correlation_id":"4f1c…","event_id":"0193…","queue":"orders.inbox"}}
/// ```
///
/// `timestamp` is ISO 8601 in UTC with milliseconds; `metadata` merges the logger's metadata, the metadata
/// provider's and the call's (the call wins), and is omitted when empty; an error attached to the event appears
/// as `error`. Nested metadata becomes nested JSON.
public struct StructuredLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata
    public var metadataProvider: Logger.MetadataProvider?
    public let label: String
    private let output: LogLineOutput

    public init(
        label: String,
        level: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        output: LogLineOutput
    ) {
        self.label = label
        self.logLevel = level
        self.metadata = [:]
        self.metadataProvider = metadataProvider
        self.output = output
    }

    /// Makes every `Logger` of the process write JSON lines to standard output at `level`.
    ///
    /// `LoggingSystem.bootstrap` is process-wide and may run only once: call this from a service's `main`, first
    /// thing, never from library code or tests (they pass loggers explicitly).
    public static func bootstrap(level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil) {
        let output = LogLineOutput.standardOutput()
        LoggingSystem.bootstrap(
            { label, provider in StructuredLogHandler(label: label, level: level, metadataProvider: provider, output: output) },
            metadataProvider: metadataProvider
        )
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let explicit = event.metadata {
            merged.merge(explicit) { _, new in new }
        }
        output.write(Self.line(
            timestamp: Date(),
            level: event.level,
            label: label,
            message: event.message.description,
            source: event.source,
            error: event.error,
            metadata: merged
        ))
    }

    /// One log line (no trailing newline).
    static func line(
        timestamp: Date,
        level: Logger.Level,
        label: String,
        message: String,
        source: String,
        error: (any Error)?,
        metadata: Logger.Metadata
    ) -> String {
        var line = "{\"timestamp\":"
        appendString((try? StableJSON.string(from: timestamp)) ?? "\(timestamp)", to: &line)
        line += ",\"level\":"
        appendString(level.rawValue, to: &line)
        line += ",\"label\":"
        appendString(label, to: &line)
        line += ",\"message\":"
        appendString(message, to: &line)
        line += ",\"source\":"
        appendString(source, to: &line)
        if let error {
            line += ",\"error\":"
            appendString(String(describing: error), to: &line)
        }
        if !metadata.isEmpty {
            line += ",\"metadata\":"
            appendMetadata(metadata, to: &line)
        }
        line += "}"
        return line
    }

    private static func appendMetadata(_ metadata: Logger.Metadata, to line: inout String) {
        line += "{"
        for (index, key) in metadata.keys.sorted().enumerated() {
            if index > 0 { line += "," }
            appendString(key, to: &line)
            line += ":"
            if let value = metadata[key] { appendValue(value, to: &line) }
        }
        line += "}"
    }

    private static func appendValue(_ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let text):
            appendString(text, to: &line)
        case .stringConvertible(let convertible):
            appendString(convertible.description, to: &line)
        case .dictionary(let dictionary):
            appendMetadata(dictionary, to: &line)
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                appendValue(element, to: &line)
            }
            line += "]"
        }
    }

    /// Appends `text` as a JSON string literal (RFC 8259 escaping; line breaks can never split a log line).
    static func appendString(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case "\u{2028}": line += "\\u2028"
            case "\u{2029}": line += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    line.unicodeScalars.append(scalar)
                }
            }
        }
        line += "\""
    }
}
