/// Why a JSON Schema cannot be used: the validator refuses schemas it would only partly enforce.
public enum JSONSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not JSON.
    case invalidJSON(String)
    /// A keyword outside the supported subset (it would be silently ignored otherwise).
    case unsupportedKeyword(String, schemaPath: String)
    /// A keyword's value has the wrong shape, e.g. `"minLength": "3"`.
    case invalidKeywordValue(String, schemaPath: String, expected: String)
    /// A `format` the validator does not check (only `date-time` and `uuid` are checked).
    case unsupportedFormat(String, schemaPath: String)
    /// A `pattern` that is not a valid regular expression.
    case invalidPattern(String, schemaPath: String, reason: String)
    /// A `$ref` that does not resolve to a schema in the same document or a registered one.
    case unresolvableReference(String, schemaPath: String)
    /// `$schema` names a dialect other than Draft 2020-12.
    case unsupportedDialect(String)
    /// Two registered schemas share an `$id`.
    case duplicateID(String)

    /// Where in the schema the problem is (`<$id>#/json/pointer`), when known.
    public var schemaPath: String? {
        switch self {
        case .unsupportedKeyword(_, let path), .invalidKeywordValue(_, let path, _), .unsupportedFormat(_, let path),
            .invalidPattern(_, let path, _), .unresolvableReference(_, let path):
            path
        case .invalidJSON, .unsupportedDialect, .duplicateID:
            nil
        }
    }

    public var description: String {
        switch self {
        case .invalidJSON(let reason):
            "schema is not valid JSON: \(reason)"
        case .unsupportedKeyword(let keyword, let path):
            "schema keyword \"\(keyword)\" at \(path.isEmpty ? "#" : path) is not supported by JSONSchemaValidator; use the supported Draft 2020-12 subset (type, properties, required, additionalProperties, items, enum, const, pattern, min/maxLength, minimum, maximum, exclusiveMinimum/Maximum, min/maxItems, format, $ref, $defs, allOf, anyOf, oneOf, not) or extend the validator"
        case .invalidKeywordValue(let keyword, let path, let expected):
            "schema keyword \"\(keyword)\" at \(path.isEmpty ? "#" : path) must be \(expected)"
        case .unsupportedFormat(let format, let path):
            "format \"\(format)\" at \(path.isEmpty ? "#" : path) is not checked by JSONSchemaValidator (only date-time and uuid are); use a pattern instead"
        case .invalidPattern(let pattern, let path, let reason):
            "pattern \"\(pattern)\" at \(path.isEmpty ? "#" : path) is not a valid regular expression: \(reason)"
        case .unresolvableReference(let reference, let path):
            "$ref \"\(reference)\" at \(path.isEmpty ? "#" : path) does not resolve; use #/$defs/<name> or the file name of a registered schema"
        case .unsupportedDialect(let dialect):
            "$schema \"\(dialect)\" is not supported; use https://json-schema.org/draft/2020-12/schema"
        case .duplicateID(let id):
            "two schemas declare $id \(id)"
        }
    }
}
