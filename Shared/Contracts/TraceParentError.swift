/// Why a string is not a valid W3C `traceparent` value.
public enum TraceParentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value is not `00-<32 hex>-<16 hex>-<2 hex>` in lowercase, or has an all-zero id.
    case malformed(String, reason: String)
    /// The version field is not `00`, the only version this code understands.
    case unsupportedVersion(String)

    public var description: String {
        switch self {
        case .malformed(let text, let reason):
            "traceparent \"\(text)\" is invalid: \(reason); expected e.g. 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        case .unsupportedVersion(let version):
            "traceparent version \"\(version)\" is not supported; only version 00 is"
        }
    }
}
