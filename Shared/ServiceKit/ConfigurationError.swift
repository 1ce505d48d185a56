/// A configuration value a service cannot start with.
///
/// Its ``description`` is one line naming the variable, the value found and what is expected, so an operator
/// reading the start-up output knows exactly what to fix: `WHOLESAIL_HTTP_PORT="http" is invalid: expected an
/// integer from 0 to 65535`.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The environment variable (or setting) at fault, e.g. `WHOLESAIL_HTTP_PORT`.
    public var variable: String
    /// The value found, with any password hidden.
    public var value: String
    /// What a valid value looks like.
    public var expected: String

    public init(variable: String, value: String, expected: String) {
        self.variable = variable
        self.value = value
        self.expected = expected
    }

    public var description: String {
        Self.singleLine("\(variable)=\(Self.quoted(value)) is invalid: expected \(expected)")
    }

    /// The value in double quotes with control characters escaped, so it can never break the line.
    static func quoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    text += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    /// Replaces line breaks in text that came from elsewhere (a parser's message) with spaces.
    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
