/// Why a string or UUID is not an ``EventID``.
public enum EventIDError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a UUID in the `8-4-4-4-12` hexadecimal form.
    case malformed(String)
    /// The UUID is valid but not version 7 (event ids must be time-ordered UUIDv7).
    case notVersion7(String, foundVersion: Int)
    /// The UUID's variant bits are not the RFC 9562 variant (`10`).
    case wrongVariant(String)

    public var description: String {
        switch self {
        case .malformed(let text):
            "event id \"\(text)\" is not a UUID; expected 36 characters like 0193a5c2-7d3e-7abc-8def-0123456789ab"
        case .notVersion7(let text, let version):
            "event id \(text) is a version-\(version) UUID; event ids must be UUIDv7 (create them with EventID())"
        case .wrongVariant(let text):
            "event id \(text) does not carry the RFC 9562 variant bits; create event ids with EventID()"
        }
    }
}
