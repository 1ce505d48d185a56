/// Why a string is not a valid ``BindingPattern``.
public enum BindingPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A word is neither `*`, `#`, nor lowercase letters, digits and hyphens (empty words included).
    case invalidWord(String, pattern: String)
    /// The pattern is longer than AMQP's 255-byte limit.
    case tooLong(String)

    public var description: String {
        switch self {
        case .invalidWord(let word, let pattern):
            "binding pattern \"\(pattern)\" has invalid word \"\(word)\"; words are *, # or lowercase letters, digits and hyphens, separated by single dots"
        case .tooLong(let pattern):
            "binding pattern \"\(pattern.prefix(40))…\" exceeds the 255-byte routing-key limit"
        }
    }
}
