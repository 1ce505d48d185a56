import Foundation

/// The schema documents one validator can reach, checked once: every keyword supported, every `$ref`
/// resolvable, every `pattern` compiled. Shared by the validators ``EventSchemas`` hands out.
struct JSONSchemaRegistry: Sendable {
    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    private static let annotations: Set<String> = [
        "$schema", "$id", "title", "description", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly",
    ]
    private static let typeNames: Set<String> = ["null", "boolean", "number", "integer", "string", "array", "object"]

    /// Documents by base URI (their `$id` without fragment; `""` for a root schema without `$id`).
    let documents: [String: JSONValue]
    /// Compiled `pattern` expressions by source text.
    let patterns: [String: NSRegularExpression]

    init(documents list: [JSONValue]) throws(JSONSchemaError) {
        var documents: [String: JSONValue] = [:]
        for (index, document) in list.enumerated() {
            let base = Self.base(of: document)
            if index > 0, base.isEmpty {
                throw .invalidKeywordValue("$id", schemaPath: "", expected: "a string URI on every referenced schema")
            }
            guard documents[base] == nil else { throw .duplicateID(base) }
            documents[base] = document
        }
        var patterns: [String: NSRegularExpression] = [:]
        for (base, document) in documents.sorted(by: { $0.key < $1.key }) {
            // Paths in errors start with the document's $id so a failure in a set of schemas names its file.
            try Self.check(
                document, schemaPath: base.isEmpty ? "" : base + "#", base: base, isDocumentRoot: true,
                documents: documents, patterns: &patterns
            )
        }
        self.documents = documents
        self.patterns = patterns
    }

    /// A document's base URI: its `$id` without any fragment, or `""`.
    static func base(of document: JSONValue) -> String {
        guard let id = document["$id"]?.stringValue else { return "" }
        return String(id.prefix { $0 != "#" })
    }

    /// The schema a `$ref` points to, and the base URI to resolve further references inside it.
    func resolve(_ reference: String, base: String) -> (schema: JSONValue, base: String)? {
        Self.resolve(reference, base: base, in: documents)
    }

    private static func resolve(
        _ reference: String, base: String, in documents: [String: JSONValue]
    ) -> (schema: JSONValue, base: String)? {
        let uriPart = String(reference.prefix { $0 != "#" })
        let fragment = reference.contains("#") ? String(reference.drop { $0 != "#" }.dropFirst()) : ""
        let targetBase: String
        if uriPart.isEmpty {
            targetBase = base
        } else if let resolved = URL(string: uriPart, relativeTo: base.isEmpty ? nil : URL(string: base)) {
            targetBase = resolved.absoluteString
        } else {
            return nil
        }
        guard let document = documents[targetBase], let schema = JSONPointer.resolve(fragment, in: document) else {
            return nil
        }
        return (schema, targetBase)
    }

    // MARK: - Checking

    private static func check(
        _ schema: JSONValue,
        schemaPath: String,
        base: String,
        isDocumentRoot: Bool,
        documents: [String: JSONValue],
        patterns: inout [String: NSRegularExpression]
    ) throws(JSONSchemaError) {
        if case .bool = schema { return }
        guard case .object(let keywords) = schema else {
            throw .invalidKeywordValue("schema", schemaPath: schemaPath, expected: "an object or a boolean")
        }
        func subschema(_ value: JSONValue, _ path: String) throws(JSONSchemaError) {
            try check(value, schemaPath: schemaPath + "/" + path, base: base, isDocumentRoot: false, documents: documents, patterns: &patterns)
        }
        func nonNegativeInteger(_ keyword: String, _ value: JSONValue) throws(JSONSchemaError) {
            guard case .number(let number) = value, number >= 0, JSONSchemaValidator.instance(value, hasType: "integer") else {
                throw .invalidKeywordValue(keyword, schemaPath: schemaPath, expected: "a non-negative integer")
            }
        }

        for (keyword, value) in keywords.sorted(by: { $0.key < $1.key }) {
            switch keyword {
            case "$schema":
                guard isDocumentRoot else { throw .unsupportedKeyword(keyword, schemaPath: schemaPath) }
                guard value.stringValue == Self.dialect else { throw .unsupportedDialect(value.stringValue ?? "\(value)") }
            case "$id":
                guard isDocumentRoot else { throw .unsupportedKeyword("$id (only at the document root)", schemaPath: schemaPath) }
                guard value.stringValue != nil else { throw .invalidKeywordValue(keyword, schemaPath: schemaPath, expected: "a string URI") }
            case _ where Self.annotations.contains(keyword):
                continue
            case "type":
                let names = value.arrayValue?.compactMap(\.stringValue) ?? value.stringValue.map { [$0] } ?? []
                let count = value.arrayValue?.count ?? 1
                guard !names.isEmpty, names.count == count, Set(names).count == names.count,
                    names.allSatisfy(Self.typeNames.contains)
                else {
                    let known = Self.typeNames.sorted().joined(separator: ", ")
                    throw .invalidKeywordValue(keyword, schemaPath: schemaPath, expected: "a type name or an array of distinct type names (\(known))")
                }
            case "properties", "$defs":
                guard let members = value.objectValue else {
                    throw .invalidKeywordValue(keyword, schemaPath: schemaPath, expected: "an object of schemas")
                }
                for (name, member) in members { try subschema(member, keyword + "/" + JSONPointer.escape(name)) }
            case "additionalProperties", "items", "not":
                try subschema(value, keyword)
            case "allOf", "anyOf", "oneOf":
                guard let alternatives = value.arrayValue, !alternatives.isEmpty else {
                    throw .invalidKeywordValue(keyword, schemaPath: schemaPath, expected: "a non-empty array of schemas")
                }
                for (index, alternative) in alternatives.enumerated() { try subschema(alternative, "\(keyword)/\(index)") }
            case "required":
                guard let names = value.arrayValue, names.allSatisfy({ $0.stringValue != nil }) else {
                    throw .invalidKeywordValue(keyword, schemaPath: schemaPath, expected: "an array of property names")
                }
            case "enum":
                guard value.arrayValue != nil else { throw .invalidKeywordValue(keyword, schemaPath: schemaPath, expected: "an array") }
            case "const":
                continue
            case "minLength", "maxLength", "minItems", "maxItems":
                try nonNegativeInteger(keyword, value)
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                guard value.numberValue != nil else { throw .invalidKeywordValue(keyword, schemaPath: schemaPath, expected: "a number") }
            case "pattern":
                guard let pattern = value.stringValue else {
                    throw .invalidKeywordValue(keyword, schemaPath: schemaPath, expected: "a regular expression string")
                }
                if patterns[pattern] == nil {
                    do {
                        patterns[pattern] = try NSRegularExpression(pattern: ECMAPattern.icuPattern(from: pattern))
                    } catch {
                        throw .invalidPattern(pattern, schemaPath: schemaPath, reason: String(describing: error))
                    }
                }
            case "format":
                guard let format = value.stringValue else {
                    throw .invalidKeywordValue(keyword, schemaPath: schemaPath, expected: "a string")
                }
                guard JSONSchemaValidator.supportedFormats.contains(format) else {
                    throw .unsupportedFormat(format, schemaPath: schemaPath)
                }
            case "$ref":
                // Anchors (`#name`) are not supported: JSONPointer.resolve only follows `#/…` pointers.
                guard let reference = value.stringValue, resolve(reference, base: base, in: documents) != nil else {
                    throw .unresolvableReference(value.stringValue ?? "\(value)", schemaPath: schemaPath)
                }
            default:
                throw .unsupportedKeyword(keyword, schemaPath: schemaPath)
            }
        }
    }
}
