import Foundation

/// The correlation id of an HTTP request: taken from `X-Correlation-ID` when the caller sent a usable one,
/// generated otherwise. It ties the request's log lines, its response and the events it causes together.
public enum CorrelationID {
    /// The header carrying the id, in both directions.
    public static let headerName = "X-Correlation-ID"
    /// The longest id accepted from a caller.
    public static let maximumLength = 128

    /// A new id (a lower-case UUID).
    public static func generate() -> String {
        UUID().uuidString.lowercased()
    }

    /// True for 1–128 visible ASCII characters (`!`…`~`): safe in headers, logs and event envelopes.
    public static func isValid(_ candidate: String) -> Bool {
        let bytes = candidate.utf8
        return !bytes.isEmpty && bytes.count <= maximumLength
            && bytes.allSatisfy { (UInt8(ascii: "!")...UInt8(ascii: "~")).contains($0) }
    }

    /// The caller's id if valid, else a new one.
    public static func accept(_ candidate: String?) -> String {
        guard let candidate, isValid(candidate) else { return generate() }
        return candidate
    }
}
