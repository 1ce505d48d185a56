import Contracts
import Foundation
import Testing

/// One keyword, a schema using it, instances it must accept and instances it must reject.
struct KeywordCase: Sendable, CustomTestStringConvertible {
    let keyword: String
    let schema: String
    let accepted: [String]
    let rejected: [String]

    var testDescription: String { "\(keyword): \(schema)" }
}

@Suite("JSONSchemaValidator")
struct JSONSchemaValidatorTests {
    static let keywordCases: [KeywordCase] = [
        KeywordCase(keyword: "type", schema: #"{"type":"string"}"#, accepted: [#""a""#], rejected: ["1", "null", "[]"]),
        KeywordCase(keyword: "type", schema: #"{"type":"integer"}"#, accepted: ["1", "1.0", "-5"], rejected: ["1.5", #""1""#]),
        KeywordCase(keyword: "type", schema: #"{"type":"number"}"#, accepted: ["1", "1.5"], rejected: [#""1""#, "true"]),
        KeywordCase(keyword: "type", schema: #"{"type":["string","null"]}"#, accepted: [#""a""#, "null"], rejected: ["1", "{}"]),
        KeywordCase(keyword: "type", schema: #"{"type":"object"}"#, accepted: ["{}"], rejected: ["[]"]),
        KeywordCase(keyword: "type", schema: #"{"type":"array"}"#, accepted: ["[]"], rejected: ["{}"]),
        KeywordCase(keyword: "type", schema: #"{"type":"boolean"}"#, accepted: ["false"], rejected: ["0"]),
        KeywordCase(keyword: "type", schema: #"{"type":"null"}"#, accepted: ["null"], rejected: ["false"]),
        KeywordCase(keyword: "properties", schema: #"{"properties":{"a":{"type":"string"}}}"#, accepted: [#"{"a":"x"}"#, "{}", #"{"b":1}"#], rejected: [#"{"a":1}"#]),
        KeywordCase(keyword: "required", schema: #"{"required":["a"]}"#, accepted: [#"{"a":null}"#, "5"], rejected: ["{}", #"{"b":1}"#]),
        KeywordCase(keyword: "additionalProperties", schema: #"{"properties":{"a":{}},"additionalProperties":false}"#, accepted: [#"{"a":1}"#], rejected: [#"{"a":1,"b":2}"#]),
        KeywordCase(keyword: "additionalProperties", schema: #"{"additionalProperties":{"type":"integer"}}"#, accepted: [#"{"x":1}"#], rejected: [#"{"x":"s"}"#]),
        KeywordCase(keyword: "items", schema: #"{"items":{"type":"integer"}}"#, accepted: ["[1,2]", "[]"], rejected: [#"[1,"a"]"#]),
        KeywordCase(keyword: "enum", schema: #"{"enum":["a",1,null]}"#, accepted: [#""a""#, "1.0", "null"], rejected: [#""b""#, "true"]),
        KeywordCase(keyword: "const", schema: #"{"const":{"k":[1,2]}}"#, accepted: [#"{"k":[1,2]}"#], rejected: [#"{"k":[2,1]}"#, #"{"k":[1,2],"x":0}"#]),
        KeywordCase(keyword: "pattern", schema: #"{"pattern":"^[a-z]+$"}"#, accepted: [#""abc""#, "5"], rejected: [#""abc\n""#, #""ABC""#, #""""#]),
        KeywordCase(keyword: "pattern", schema: #"{"pattern":"b"}"#, accepted: [#""abc""#], rejected: [#""xyz""#]),
        KeywordCase(keyword: "minLength", schema: #"{"minLength":2}"#, accepted: [#""ab""#, #""é✓""#], rejected: [#""a""#]),
        KeywordCase(keyword: "maxLength", schema: #"{"maxLength":3}"#, accepted: [#""abc""#, #""日本語""#], rejected: [#""abcd""#]),
        KeywordCase(keyword: "minimum", schema: #"{"minimum":1}"#, accepted: ["1", "2", #""0""#], rejected: ["0.999"]),
        KeywordCase(keyword: "maximum", schema: #"{"maximum":10}"#, accepted: ["10"], rejected: ["10.5"]),
        KeywordCase(keyword: "exclusiveMinimum", schema: #"{"exclusiveMinimum":0}"#, accepted: ["0.01"], rejected: ["0", "-1"]),
        KeywordCase(keyword: "exclusiveMaximum", schema: #"{"exclusiveMaximum":1}"#, accepted: ["0.5"], rejected: ["1"]),
        KeywordCase(keyword: "minItems", schema: #"{"minItems":1}"#, accepted: ["[1]"], rejected: ["[]"]),
        KeywordCase(keyword: "maxItems", schema: #"{"maxItems":2}"#, accepted: ["[1,2]"], rejected: ["[1,2,3]"]),
        KeywordCase(
            keyword: "format", schema: #"{"format":"date-time"}"#,
            accepted: [#""2026-11-27T14:01:02.123Z""#, #""2026-11-27T15:01:02+01:00""#, "5"],
            rejected: [#""2026-11-27""#, #""2026-11-27T14:01:02""#, #""2026-02-30T00:00:00Z""#, #""2026-11-27T15:01:02+0100""#]
        ),
        KeywordCase(
            keyword: "format", schema: #"{"format":"uuid"}"#,
            accepted: [#""0193a5c2-7d3e-7abc-8def-0123456789ab""#, #""3F2B1C4E-9A7D-4E2B-8C1A-0123456789AB""#],
            rejected: [#""0193a5c27d3e7abc8def0123456789ab""#, #""0193a5c2-7d3e-7abc-8def-0123456789ag""#]
        ),
        KeywordCase(
            keyword: "$ref", schema: ##"{"$defs":{"positive":{"type":"integer","minimum":1}},"properties":{"n":{"$ref":"#/$defs/positive"}}}"##,
            accepted: [#"{"n":1}"#], rejected: [#"{"n":0}"#, #"{"n":"1"}"#]
        ),
        KeywordCase(keyword: "allOf", schema: #"{"allOf":[{"type":"integer"},{"minimum":5}]}"#, accepted: ["6"], rejected: ["4", #""x""#]),
        KeywordCase(keyword: "anyOf", schema: #"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#, accepted: [#""a""#, "1"], rejected: ["1.5"]),
        KeywordCase(keyword: "oneOf", schema: #"{"oneOf":[{"type":"integer"},{"minimum":0}]}"#, accepted: ["-1", "0.5"], rejected: ["1", "-0.5"]),
        KeywordCase(keyword: "not", schema: #"{"not":{"type":"null"}}"#, accepted: ["1"], rejected: ["null"]),
        KeywordCase(keyword: "false schema", schema: #"{"properties":{"x":false}}"#, accepted: ["{}"], rejected: [#"{"x":1}"#]),
    ]

    @Test(arguments: keywordCases)
    func keywordAcceptsAndRejects(testCase: KeywordCase) throws {
        let validator = try JSONSchemaValidator(schema: json(testCase.schema))
        for instance in testCase.accepted {
            let violations = validator.validate(try json(instance))
            #expect(violations.isEmpty, "\(instance) should be accepted: \(violations)")
        }
        for instance in testCase.rejected {
            let violations = validator.validate(try json(instance))
            #expect(!violations.isEmpty, "\(instance) should be rejected")
            #expect(violations.allSatisfy { !$0.message.isEmpty })
        }
    }

    @Test func violationsCarryJSONPointerPathsAndTheKeyword() throws {
        let schema = try json(#"""
            {"properties":{"lines":{"items":{"properties":{"sku":{"type":"string"},"a/b":{"type":"string"}},
             "required":["qty"]}}}}
            """#)
        let violations = try JSONSchemaValidator(schema: schema).validate(json(#"{"lines":[{"qty":1},{"sku":5,"a/b":1}]}"#))
        let byPath = Dictionary(grouping: violations, by: \.instancePath)
        #expect(byPath["/lines/1/sku"]?.first?.schemaPath == "/properties/lines/items/properties/sku/type")
        #expect(byPath["/lines/1/a~1b"]?.first?.message == "expected string, found integer")
        #expect(byPath["/lines/1"]?.first?.message == #"required property "qty" is missing"#)
        #expect(violations.count == 3)
    }

    @Test func additionalPropertyViolationPointsAtTheProperty() throws {
        let validator = try JSONSchemaValidator(schema: json(#"{"properties":{"a":{}},"additionalProperties":false}"#))
        #expect(validator.validate(try json(#"{"a":1,"extra":2}"#)).map(\.instancePath) == ["/extra"])
    }

    @Test func referencePathShowsTheRef() throws {
        let validator = try JSONSchemaValidator(schema: json(##"{"$defs":{"p":{"minimum":1}},"properties":{"n":{"$ref":"#/$defs/p"}}}"##))
        #expect(validator.validate(try json(#"{"n":0}"#)).map(\.schemaPath) == ["/properties/n/$ref/minimum"])
    }

    @Test func referencesToAnotherRegisteredSchemaResolveByRelativeID() throws {
        let money = try EventSchemas.loadDocument(at: EventSchemas.bundledDirectory().appendingPathComponent("money.v1.schema.json"))
        let order = try json(#"""
            {"$id":"https://schemas.wholesail.example/test-order.schema.json",
             "properties":{"total":{"$ref":"money.v1.schema.json"}}}
            """#)
        let validator = try JSONSchemaValidator(schema: order, referencedSchemas: [money])
        #expect(validator.validate(try json(#"{"total":{"amount":"12.34","currency":"EUR"}}"#)).isEmpty)
        #expect(validator.validate(try json(#"{"total":{"amount":12.34,"currency":"EUR"}}"#)).map(\.instancePath) == ["/total/amount"])
    }

    @Test func referenceCycleIsReportedNotLoopedForever() throws {
        let validator = try JSONSchemaValidator(schema: json(##"{"$defs":{"a":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}"##))
        let violations = validator.validate(1)
        #expect(violations.count == 1)
        #expect(violations.first?.message.contains("deeper than") == true)
    }

    @Test func anyOfFailureSummarisesEachAlternative() throws {
        let validator = try JSONSchemaValidator(schema: json(#"{"anyOf":[{"type":"string"},{"minimum":5}]}"#))
        let message = validator.validate(1).first?.message ?? ""
        #expect(message.contains("#0: expected string"))
        #expect(message.contains("#1: 1 is less than the minimum 5"))
    }

    @Test(arguments: [
        (#"{"minProperties":1}"#, "unsupportedKeyword"),
        (#"{"properties":{"a":{"uniqueItems":true}}}"#, "unsupportedKeyword"),
        (#"{"format":"email"}"#, "unsupportedFormat"),
        (#"{"pattern":"("}"#, "invalidPattern"),
        (##"{"$ref":"#/$defs/missing"}"##, "unresolvableReference"),
        (##"{"$ref":"#anchor"}"##, "unresolvableReference"),
        (#"{"$ref":"other.schema.json"}"#, "unresolvableReference"),
        (#"{"$schema":"http://json-schema.org/draft-07/schema#"}"#, "unsupportedDialect"),
        (#"{"minLength":"3"}"#, "invalidKeywordValue"),
        (#"{"type":"float"}"#, "invalidKeywordValue"),
        (#"{"items":[{"type":"string"}]}"#, "invalidKeywordValue"),
        (#"{"properties":{"a":{"$id":"x"}}}"#, "unsupportedKeyword"),
    ])
    func schemasOutsideTheSupportedSubsetAreRejected(schema: String, errorKind: String) throws {
        let error = #expect(throws: JSONSchemaError.self) { try JSONSchemaValidator(schema: json(schema)) }
        #expect(error.map(Self.kind(of:)) == errorKind)
    }

    @Test func unsupportedKeywordErrorNamesKeywordAndPath() {
        let error = #expect(throws: JSONSchemaError.self) {
            try JSONSchemaValidator(schema: ["properties": ["a": ["uniqueItems": true]]])
        }
        #expect(error == .unsupportedKeyword("uniqueItems", schemaPath: "/properties/a"))
    }

    static func kind(of error: JSONSchemaError) -> String {
        switch error {
        case .invalidJSON: "invalidJSON"
        case .unsupportedKeyword: "unsupportedKeyword"
        case .invalidKeywordValue: "invalidKeywordValue"
        case .unsupportedFormat: "unsupportedFormat"
        case .invalidPattern: "invalidPattern"
        case .unresolvableReference: "unresolvableReference"
        case .unsupportedDialect: "unsupportedDialect"
        case .duplicateID: "duplicateID"
        }
    }
}
