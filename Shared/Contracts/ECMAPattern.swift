/// Adapts a JSON Schema `pattern` (ECMA-262 syntax) to `NSRegularExpression` (ICU syntax).
///
/// The one difference that matters for anchored patterns: outside multiline mode, ICU's `$` also matches
/// before a final line terminator, ECMA-262's does not; so `^[a-z]+$` would accept `"abc\n"`. Every `$`
/// outside a character class and not escaped becomes `\z` (end of input only).
/// Known remaining differences: `\d`, `\w` and `\s` are Unicode-aware in ICU (write `[0-9]` for ASCII digits).
enum ECMAPattern {
    static func icuPattern(from pattern: String) -> String {
        var result = ""
        var escaped = false
        var inClass = false
        for character in pattern {
            if escaped {
                result.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\":
                escaped = true
                result.append(character)
            case "[" where !inClass:
                inClass = true
                result.append(character)
            case "]" where inClass:
                inClass = false
                result.append(character)
            case "$" where !inClass:
                result.append("\\z")
            default:
                result.append(character)
            }
        }
        return result
    }
}
