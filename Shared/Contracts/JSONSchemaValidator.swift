import Foundation

/// Validates JSON against a JSON Schema (Draft 2020-12), for the subset of keywords Wholesail's event
/// schemas use.
///
/// Supported: `type` (a name or an array of names; `integer` is any number with no fractional part),
/// `properties`, `required`, `additionalProperties` (boolean or schema), `items` (one schema for every
/// element), `enum`, `const`, `pattern` (unanchored, as in ECMA-262), `minLength`/`maxLength` (in Unicode
/// code points), `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minItems`, `maxItems`,
/// `format` (`date-time` per RFC 3339 and `uuid`, both asserted), `$ref` (to `#/…` in the same document or
/// to another registered schema by `$id`, absolute or relative, e.g. `money.v1.schema.json`), `$defs`,
/// `allOf`, `anyOf`, `oneOf`, `not`, and boolean schemas. Annotations (`$schema`, `$id`, `title`,
/// `description`, `$comment`, `examples`, `default`, `deprecated`, `readOnly`, `writeOnly`) are allowed.
///
/// Any other keyword, an unknown `format`, a bad `pattern` or an unresolvable `$ref` makes the schema
/// itself invalid (``JSONSchemaError``): a validator that silently ignored a constraint would let bad
/// events through while everyone believed they were checked.
public struct JSONSchemaValidator: Sendable {
    /// The schema this validator checks against.
    public let schema: JSONValue
    private let registry: JSONSchemaRegistry
    private let rootBase: String

    /// Compiles a schema.
    ///
    /// - Parameters:
    ///   - schema: the schema document.
    ///   - referencedSchemas: other schema documents, each with an `$id`, that `$ref`s may point to.
    public init(schema: JSONValue, referencedSchemas: [JSONValue] = []) throws(JSONSchemaError) {
        let registry = try JSONSchemaRegistry(documents: [schema] + referencedSchemas)
        self.init(registry: registry, rootBase: JSONSchemaRegistry.base(of: schema))
    }

    /// Compiles a schema from JSON bytes.
    public init(data: Data, referencedSchemas: [JSONValue] = []) throws(JSONSchemaError) {
        let schema: JSONValue
        do {
            schema = try JSONValue(data: data)
        } catch {
            throw .invalidJSON(String(describing: error))
        }
        try self.init(schema: schema, referencedSchemas: referencedSchemas)
    }

    init(registry: JSONSchemaRegistry, rootBase: String) {
        self.registry = registry
        self.rootBase = rootBase
        self.schema = registry.documents[rootBase] ?? true
    }

    /// Every violation of the schema by the instance; empty means valid.
    public func validate(_ instance: JSONValue) -> [JSONSchemaViolation] {
        var violations: [JSONSchemaViolation] = []
        evaluate(instance, schema, base: rootBase, instancePath: "", schemaPath: "", depth: 0, into: &violations)
        return violations
    }

    /// Validates JSON bytes; throws only if they are not JSON.
    public func validate(data: Data) throws -> [JSONSchemaViolation] {
        validate(try JSONValue(data: data))
    }

    /// Whether the instance satisfies the schema.
    public func isValid(_ instance: JSONValue) -> Bool {
        validate(instance).isEmpty
    }

    // MARK: - Evaluation

    private static let maximumDepth = 256

    private func evaluate(
        _ instance: JSONValue,
        _ schema: JSONValue,
        base: String,
        instancePath: String,
        schemaPath: String,
        depth: Int,
        into violations: inout [JSONSchemaViolation]
    ) {
        func fail(_ keyword: String, _ message: String, at path: String = instancePath) {
            violations.append(JSONSchemaViolation(instancePath: path, schemaPath: schemaPath + "/" + keyword, message: message))
        }
        guard depth < Self.maximumDepth else {
            fail("$ref", "schema nesting is deeper than \(Self.maximumDepth) levels (a $ref cycle?)")
            return
        }
        switch schema {
        case .bool(true):
            return
        case .bool(false):
            violations.append(JSONSchemaViolation(instancePath: instancePath, schemaPath: schemaPath, message: "no value is allowed here"))
            return
        default:
            break
        }
        guard case .object(let keywords) = schema else { return }

        func descend(_ value: JSONValue, _ subschema: JSONValue, keywordPath: String, instanceToken: String? = nil) {
            evaluate(
                value, subschema, base: base,
                instancePath: instanceToken.map { instancePath + "/" + JSONPointer.escape($0) } ?? instancePath,
                schemaPath: schemaPath + "/" + keywordPath, depth: depth + 1, into: &violations
            )
        }

        if case .string(let reference) = keywords["$ref"], let target = registry.resolve(reference, base: base) {
            evaluate(instance, target.schema, base: target.base, instancePath: instancePath,
                     schemaPath: schemaPath + "/$ref", depth: depth + 1, into: &violations)
        }

        if let typeValue = keywords["type"] {
            let allowed = typeValue.arrayValue?.compactMap(\.stringValue) ?? typeValue.stringValue.map { [$0] } ?? []
            if !allowed.contains(where: { Self.instance(instance, hasType: $0) }) {
                fail("type", "expected \(allowed.joined(separator: " or ")), found \(Self.describeType(of: instance))")
            }
        }
        if let options = keywords["enum"]?.arrayValue, !options.contains(instance) {
            fail("enum", "\(Self.render(instance)) is not one of \(Self.render(.array(options)))")
        }
        if let constant = keywords["const"], constant != instance {
            fail("const", "\(Self.render(instance)) is not the required value \(Self.render(constant))")
        }

        switch instance {
        case .string(let text):
            let length = text.unicodeScalars.count
            if let minimum = keywords["minLength"]?.numberValue, Decimal(length) < minimum {
                fail("minLength", "string has \(length) character(s); at least \(minimum) required")
            }
            if let maximum = keywords["maxLength"]?.numberValue, Decimal(length) > maximum {
                fail("maxLength", "string has \(length) character(s); at most \(maximum) allowed")
            }
            if let pattern = keywords["pattern"]?.stringValue, let expression = registry.patterns[pattern] {
                let range = NSRange(text.startIndex..., in: text)
                if expression.firstMatch(in: text, range: range) == nil {
                    fail("pattern", "\(Self.render(instance)) does not match pattern \(pattern)")
                }
            }
            if let format = keywords["format"]?.stringValue, let problem = Self.formatProblem(text, format: format) {
                fail("format", "\(Self.render(instance)) is not a valid \(format): \(problem)")
            }
        case .number(let number):
            if let minimum = keywords["minimum"]?.numberValue, number < minimum {
                fail("minimum", "\(number) is less than the minimum \(minimum)")
            }
            if let maximum = keywords["maximum"]?.numberValue, number > maximum {
                fail("maximum", "\(number) is greater than the maximum \(maximum)")
            }
            if let minimum = keywords["exclusiveMinimum"]?.numberValue, number <= minimum {
                fail("exclusiveMinimum", "\(number) must be greater than \(minimum)")
            }
            if let maximum = keywords["exclusiveMaximum"]?.numberValue, number >= maximum {
                fail("exclusiveMaximum", "\(number) must be less than \(maximum)")
            }
        case .array(let elements):
            if let minimum = keywords["minItems"]?.numberValue, Decimal(elements.count) < minimum {
                fail("minItems", "array has \(elements.count) item(s); at least \(minimum) required")
            }
            if let maximum = keywords["maxItems"]?.numberValue, Decimal(elements.count) > maximum {
                fail("maxItems", "array has \(elements.count) item(s); at most \(maximum) allowed")
            }
            if let itemSchema = keywords["items"] {
                for (index, element) in elements.enumerated() {
                    descend(element, itemSchema, keywordPath: "items", instanceToken: String(index))
                }
            }
        case .object(let members):
            for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                fail("required", "required property \"\(name)\" is missing")
            }
            let properties = keywords["properties"]?.objectValue ?? [:]
            for (name, value) in members.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[name] {
                    descend(value, propertySchema, keywordPath: "properties/" + JSONPointer.escape(name), instanceToken: name)
                } else if let additional = keywords["additionalProperties"] {
                    if additional == .bool(false) {
                        fail("additionalProperties", "property \"\(name)\" is not allowed", at: instancePath + "/" + JSONPointer.escape(name))
                    } else {
                        descend(value, additional, keywordPath: "additionalProperties", instanceToken: name)
                    }
                }
            }
        case .null, .bool:
            break
        }

        for (index, subschema) in (keywords["allOf"]?.arrayValue ?? []).enumerated() {
            descend(instance, subschema, keywordPath: "allOf/\(index)")
        }
        if let alternatives = keywords["anyOf"]?.arrayValue {
            let outcomes = alternatives.enumerated().map { index, subschema in
                branchViolations(instance, subschema, base: base, instancePath: instancePath, schemaPath: schemaPath + "/anyOf/\(index)", depth: depth)
            }
            if !outcomes.contains(where: \.isEmpty) {
                fail("anyOf", "value matches none of the \(alternatives.count) alternatives (\(Self.summarize(outcomes)))")
            }
        }
        if let alternatives = keywords["oneOf"]?.arrayValue {
            let outcomes = alternatives.enumerated().map { index, subschema in
                branchViolations(instance, subschema, base: base, instancePath: instancePath, schemaPath: schemaPath + "/oneOf/\(index)", depth: depth)
            }
            let matching = outcomes.filter(\.isEmpty).count
            if matching == 0 {
                fail("oneOf", "value matches none of the \(alternatives.count) alternatives (\(Self.summarize(outcomes)))")
            } else if matching > 1 {
                fail("oneOf", "value matches \(matching) alternatives; exactly one is allowed")
            }
        }
        if let negated = keywords["not"],
            branchViolations(instance, negated, base: base, instancePath: instancePath, schemaPath: schemaPath + "/not", depth: depth).isEmpty
        {
            fail("not", "value must not match the schema under \"not\"")
        }
    }

    private func branchViolations(
        _ instance: JSONValue, _ schema: JSONValue, base: String, instancePath: String, schemaPath: String, depth: Int
    ) -> [JSONSchemaViolation] {
        var violations: [JSONSchemaViolation] = []
        evaluate(instance, schema, base: base, instancePath: instancePath, schemaPath: schemaPath, depth: depth + 1, into: &violations)
        return violations
    }

    // MARK: - Helpers

    static func instance(_ instance: JSONValue, hasType type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object):
            true
        case ("integer", .number(let value)):
            isInteger(value)
        default:
            false
        }
    }

    private static func isInteger(_ value: Decimal) -> Bool {
        var rounded = Decimal()
        var original = value
        NSDecimalRound(&rounded, &original, 0, .plain)
        return rounded == value
    }

    private static func describeType(of instance: JSONValue) -> String {
        if case .number(let value) = instance, isInteger(value) { return "integer" }
        return instance.typeName
    }

    private static func render(_ value: JSONValue) -> String {
        guard let data = try? value.encoded() else { return value.typeName }
        let text = String(decoding: data, as: UTF8.self)
        return text.count > 80 ? text.prefix(77) + "..." : text
    }

    private static func summarize(_ outcomes: [[JSONSchemaViolation]]) -> String {
        outcomes.enumerated().map { index, violations in
            "#\(index): " + (violations.first.map { "\($0.instancePath.isEmpty ? "" : $0.instancePath + " ")\($0.message)" } ?? "ok")
        }.joined(separator: "; ")
    }

    static let supportedFormats: Set<String> = ["date-time", "uuid"]

    private static func formatProblem(_ text: String, format: String) -> String? {
        switch format {
        case "date-time":
            do throws(ISO8601Timestamp.ParseError) {
                _ = try ISO8601Timestamp.parse(text)
            } catch {
                return error.reason
            }
            // RFC 3339 requires the extended offset form; the decoder is more lenient (it also takes +0100).
            let last = text.utf8.last
            if last != UInt8(ascii: "Z"), last != UInt8(ascii: "z"), Array(text.utf8).dropLast(2).last != UInt8(ascii: ":") {
                return "RFC 3339 requires the offset as Z or ±HH:MM"
            }
            return nil
        case "uuid":
            let bytes = Array(text.utf8)
            guard bytes.count == 36 else { return "expected 36 characters (8-4-4-4-12 hexadecimal digits)" }
            for (index, byte) in bytes.enumerated() {
                let isHyphenPosition = [8, 13, 18, 23].contains(index)
                let isHex = (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
                if isHyphenPosition ? byte != UInt8(ascii: "-") : !isHex {
                    return "expected 8-4-4-4-12 hexadecimal digits separated by hyphens"
                }
            }
            return nil
        default:
            return nil
        }
    }
}
