import Foundation

/// The correlation id of an HTTP request: taken from `X-Correlation-ID` when the caller sent a usable one,
/// generated otherwise. It ties the request's log lines, its response and the events it causes together.
public enum CorrelationID {
    /// The header carrying the id, in both directions.
    public static let headerName = "X-Correlation-ID"
    /// The longest id accepted from a caller.
    public static let maximumLength = 128

    /// A new id: a random (version 4) UUID in lower case.
    ///
    /// Built from the system generator directly: Foundation's `UUID()` opens `/dev/urandom` on every call on
    /// Linux, which showed up at several percent of a quote's cost.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var high: UInt64 = generator.next()
        var low: UInt64 = generator.next()
        high = (high & ~0x0000_0000_0000_F000) | 0x0000_0000_0000_4000  // version 4
        low = (low & ~0xC000_0000_0000_0000) | 0x8000_0000_0000_0000  // RFC 4122 variant
        let hex = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(36)
        for (index, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if index == 8 || index == 12 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int((high >> UInt64(shift)) & 0xF)])
        }
        for (index, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if index == 0 || index == 4 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int((low >> UInt64(shift)) & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
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
