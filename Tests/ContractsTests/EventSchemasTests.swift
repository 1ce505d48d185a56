import Contracts
import Foundation
import Testing

@Suite("Event schemas")
struct EventSchemasTests {
    static func bundledFiles() throws -> [URL] {
        try EventSchemas.schemaFiles(in: [EventSchemas.bundledDirectory()])
    }

    static func envelope() throws -> EventEnvelope<ProbeEmitted> {
        try EventEnvelope(
            payload: ProbeEmitted(probeID: "probe-1", total: Money(minorUnits: 1234, currency: .EUR), quantity: 3),
            correlationID: "order-42"
        )
    }

    /// A directory holding the bundled schemas plus a schema for the test event type.
    static func directoryWithProbeSchema(_ probeSchema: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("contracts-schemas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in try bundledFiles() {
            try FileManager.default.copyItem(at: file, to: directory.appendingPathComponent(file.lastPathComponent))
        }
        try Data(probeSchema.utf8).write(to: directory.appendingPathComponent("contracts-test.probe.emitted.v1.schema.json"))
        return directory
    }

    static let probeSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://schemas.wholesail.example/contracts-test.probe.emitted.v1.schema.json",
          "title": "Probe emitted (test event)",
          "type": "object",
          "required": ["probeID", "total", "quantity"],
          "additionalProperties": false,
          "properties": {
            "probeID": { "type": "string", "minLength": 1 },
            "total": { "$ref": "money.v1.schema.json" },
            "quantity": { "type": "integer", "minimum": 1 }
          }
        }
        """#

    // MARK: Every bundled schema

    @Test func bundleShipsTheEnvelopeAndMoneySchemas() throws {
        let names = try Self.bundledFiles().map(\.lastPathComponent)
        #expect(names.contains("envelope.v1.schema.json"))
        #expect(names.contains("money.v1.schema.json"))
    }

    @Test(arguments: try EventSchemasTests.bundledFiles())
    func everyBundledSchemaIsWellFormed(file: URL) throws {
        let document = try EventSchemas.loadDocument(at: file)
        let name = String(file.lastPathComponent.dropLast(EventSchemas.fileSuffix.count))
        #expect(document["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(document["$id"]?.stringValue == EventSchemas.idPrefix + file.lastPathComponent)
        #expect(document["title"]?.stringValue?.isEmpty == false)
        let nameParts = name.split(separator: ".")
        let isSharedSchemaName = nameParts.count == 2 && EventType.isValidWord(String(nameParts[0]))
            && nameParts[1].first == "v" && Int(nameParts[1].dropFirst()) != nil
        #expect(EventType(name) != nil || isSharedSchemaName, "\(name) is neither an event type nor <name>.v<major>")
        let others = try Self.bundledFiles().filter { $0 != file }.map(EventSchemas.loadDocument(at:))
        #expect(throws: Never.self) { try JSONSchemaValidator(schema: document, referencedSchemas: others) }
    }

    @Test func allBundledSchemasLoadTogether() throws {
        let schemas = try EventSchemas()
        #expect(schemas.names.contains(EventSchemas.envelopeSchemaName))
        #expect(schemas.names.contains("money.v1"))
        #expect(schemas.names.count == (try Self.bundledFiles()).count)
    }

    // MARK: Envelope schema

    @Test func envelopeSchemaAcceptsAnEncodedEnvelope() throws {
        let validator = try EventSchemas().validator(named: EventSchemas.envelopeSchemaName)
        let violations = validator.validate(try JSONValue(encoding: Self.envelope()))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func envelopeSchemaAcceptsACausedEnvelope() throws {
        let cause = try Self.envelope()
        let effect = EventEnvelope(payload: ProbeRetired(probeID: "probe-1"), causedBy: cause)
        let validator = try EventSchemas().validator(named: EventSchemas.envelopeSchemaName)
        #expect(validator.validate(try JSONValue(encoding: effect)).isEmpty)
    }

    @Test(arguments: [
        ("id", JSONValue.string("3f2b1c4e-9a7d-4e2b-8c1a-0123456789ab"), "/id"),
        ("id", "not-a-uuid", "/id"),
        ("occurredAt", "2026-13-01T00:00:00.000Z", "/occurredAt"),
        ("occurredAt", "2026-11-27T14:01:02.123", "/occurredAt"),
        ("type", "Orders.order.received.v1", "/type"),
        ("type", "orders.order.received", "/type"),
        ("type", "orders.order.received.v1\n", "/type"),
        ("version", "1", "/version"),
        ("version", 0, "/version"),
        ("source", "Orders", "/source"),
        ("correlationID", "", "/correlationID"),
        ("causationID", 5, "/causationID"),
        ("traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "/traceparent"),
        ("payload", "text", "/payload"),
        ("payload", JSONValue?.none, ""),
        ("unexpected", "field", "/unexpected"),
    ])
    func envelopeSchemaRejectsBadHeaderFields(key: String, value: JSONValue?, path: String) throws {
        var object = try JSONValue(encoding: Self.envelope()).objectValue ?? [:]
        object[key] = value
        let violations = try EventSchemas().validator(named: EventSchemas.envelopeSchemaName).validate(.object(object))
        #expect(!violations.isEmpty)
        #expect(violations.contains { $0.instancePath == path }, "\(violations)")
    }

    // MARK: Money schema

    @Test func moneySchemaAcceptsEncodedMoney() throws {
        let validator = try EventSchemas().validator(named: "money.v1")
        for money in [Money(minorUnits: 1234, currency: .EUR), Money(minorUnits: -5, currency: .JPY), Money(minorUnits: 1, currency: .CLF)] {
            #expect(validator.validate(try JSONValue(encoding: money)).isEmpty)
        }
    }

    @Test(arguments: [
        #"{"amount":12.34,"currency":"EUR"}"#, #"{"amount":"12.3.4","currency":"EUR"}"#, #"{"amount":"012.34","currency":"EUR"}"#,
        #"{"amount":"1.23456","currency":"EUR"}"#, #"{"amount":"12.34","currency":"eur"}"#, #"{"amount":"12.34"}"#,
        #"{"amount":"12.34","currency":"EUR","rate":1}"#,
    ])
    func moneySchemaRejectsBadMoney(body: String) throws {
        #expect(!(try EventSchemas().validator(named: "money.v1").validate(json(body))).isEmpty)
    }

    // MARK: Full check: envelope + payload

    @Test func validateEnvelopeChecksHeaderAndPayload() throws {
        let schemas = try EventSchemas(directories: [Self.directoryWithProbeSchema(Self.probeSchema)])
        #expect(try schemas.validateEnvelope(Self.envelope()).isEmpty)

        var object = try JSONValue(encoding: Self.envelope()).objectValue ?? [:]
        // The money schema does not know the currency, so it checks the amount's form, not its digit count.
        object["payload"] = ["probeID": "", "quantity": 0, "total": ["amount": "1,5", "currency": "EUR"]]
        object["correlationID"] = ""
        let paths = Set(try schemas.validateEnvelope(.object(object)).map(\.instancePath))
        #expect(paths == ["/correlationID", "/payload/probeID", "/payload/quantity", "/payload/total/amount"])
    }

    @Test func validateEnvelopeRequiresASchemaForTheEventType() throws {
        let retired = EventEnvelope(payload: ProbeRetired(probeID: "p"), causedBy: try Self.envelope())
        #expect(throws: EventSchemaError.schemaNotFound("contracts-test.probe.retired.v2")) {
            try EventSchemas().validateEnvelope(retired)
        }
    }

    @Test func validateEnvelopeOfBytesRejectsNonJSON() throws {
        #expect(throws: EventSchemaError.self) { try EventSchemas().validateEnvelope(data: Data("not json".utf8)) }
    }

    @Test func aSchemaFileWithTheWrongIDIsRejectedByName() throws {
        let directory = try Self.directoryWithProbeSchema(Self.probeSchema.replacingOccurrences(of: "emitted.v1.schema", with: "emitted.v9.schema"))
        let error = #expect(throws: EventSchemaError.self) { try EventSchemas(directories: [directory]) }
        guard case .invalidSchema(let name, _) = error else {
            Issue.record("expected invalidSchema, got \(String(describing: error))")
            return
        }
        #expect(name == "contracts-test.probe.emitted.v1")
    }

    @Test func aSchemaFileUsingAnUnsupportedKeywordIsRejectedByName() throws {
        let directory = try Self.directoryWithProbeSchema(Self.probeSchema.replacingOccurrences(of: #""minLength": 1"#, with: #""minLength": 1, "contentEncoding": "base64""#))
        let error = #expect(throws: EventSchemaError.self) { try EventSchemas(directories: [directory]) }
        guard case .invalidSchema(let name, .unsupportedKeyword(let keyword, _)) = error else {
            Issue.record("expected unsupportedKeyword, got \(String(describing: error))")
            return
        }
        #expect(name == "contracts-test.probe.emitted.v1")
        #expect(keyword == "contentEncoding")
    }
}
