/// Misuse of the outbox or inbox API.
public enum OutboxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A schema name that is not a plain lower-case SQL identifier.
    case invalidSchemaName(String)

    public var description: String {
        switch self {
        case .invalidSchemaName(let name):
            "invalid schema name '\(name)': use lower-case letters, digits and underscores (at most 48), starting with a letter or underscore"
        }
    }
}
