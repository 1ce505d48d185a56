/// An AMQP topic binding pattern such as `orders.order.*.v1` or `orders.#`, and the rule for whether a
/// routing key matches it.
///
/// Topic semantics as RabbitMQ implements them: keys and patterns are split into words at `.`; a `*` word
/// matches exactly one word; a `#` word matches zero or more words (so `orders.#` matches `orders` itself
/// and `#` matches every key, including the empty one). Any other word matches only itself; `*` and `#`
/// are wildcards only as whole words.
///
/// Used to check, without a broker, which handlers a queue binding will deliver to (e.g. a consumer can
/// verify its bindings cover every event type it has a handler for).
public struct BindingPattern: Hashable, Sendable, CustomStringConvertible {
    /// The pattern text, e.g. `orders.order.*.v1`.
    public let pattern: String
    private let words: [Substring]

    /// Creates a pattern after checking its words: each is `*`, `#`, or lowercase letters, digits and
    /// hyphens (the characters event-type segments use).
    public init(_ pattern: String) throws(BindingPatternError) {
        guard pattern.utf8.count <= EventType.maximumLength else { throw .tooLong(pattern) }
        let words = pattern.split(separator: ".", omittingEmptySubsequences: false)
        for word in words {
            guard word == "*" || word == "#" || Self.isLiteralWord(word) else {
                throw .invalidWord(String(word), pattern: pattern)
            }
        }
        self.pattern = pattern
        self.words = words
    }

    /// The pattern that matches exactly one event type.
    public static func exactly(_ type: EventType) -> BindingPattern {
        BindingPattern(unchecked: type.routingKey)
    }

    /// The pattern that matches every event a source publishes: `<source>.#`.
    public static func everything(from source: String) throws(BindingPatternError) -> BindingPattern {
        try BindingPattern("\(source).#")
    }

    /// Whether a routing key would be delivered through a binding with this pattern.
    public func matches(_ routingKey: String) -> Bool {
        // RabbitMQ treats the empty key as zero words.
        let keyWords = routingKey.isEmpty ? [] : routingKey.split(separator: ".", omittingEmptySubsequences: false)
        return Self.match(patternWords: words[...], keyWords: keyWords[...])
    }

    /// Whether an event type's routing key matches.
    public func matches(_ type: EventType) -> Bool {
        matches(type.routingKey)
    }

    public var description: String { pattern }

    private init(unchecked pattern: String) {
        self.pattern = pattern
        self.words = pattern.split(separator: ".", omittingEmptySubsequences: false)
    }

    /// Dynamic programming over (pattern word, key word) positions: linear in the product of lengths,
    /// so patterns with many `#` cannot blow up.
    private static func match(patternWords: ArraySlice<Substring>, keyWords: ArraySlice<Substring>) -> Bool {
        let pattern = Array(patternWords)
        let key = Array(keyWords)
        // reachable[j]: the first i pattern words can consume exactly the first j key words.
        var reachable = [Bool](repeating: false, count: key.count + 1)
        reachable[0] = true
        for word in pattern {
            var next = [Bool](repeating: false, count: key.count + 1)
            switch word {
            case "#":
                var seen = false
                for j in 0...key.count {
                    seen = seen || reachable[j]
                    next[j] = seen
                }
            case "*":
                for j in 0..<key.count where reachable[j] { next[j + 1] = true }
            default:
                for j in 0..<key.count where reachable[j] && key[j] == word { next[j + 1] = true }
            }
            reachable = next
        }
        return reachable[key.count]
    }

    private static func isLiteralWord(_ word: Substring) -> Bool {
        !word.isEmpty
            && word.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            }
    }
}
