import Foundation

/// The JSON Schemas of Wholesail's messages, loaded from `*.schema.json` files, and the check that an
/// envelope and its payload conform.
///
/// Naming: a schema for an event type lives in `<type>.schema.json` (e.g.
/// `orders.order.received.v1.schema.json`); shared parts use `<name>.v<major>.schema.json`
/// (`envelope.v1`, `money.v1`). Each file declares `$schema` (Draft 2020-12), `title`, and
/// `$id` = ``idPrefix`` + file name, so schemas reference each other by file name, e.g.
/// `{"$ref": "money.v1.schema.json"}`. The shipped schemas are in `Shared/Contracts/Schemas/`.
///
/// Every schema is loaded and compiled when the value is created, so a broken schema fails at once (the
/// Contracts tests load all bundled schemas), and lookups afterwards do not touch the file system.
public struct EventSchemas: Sendable {
    /// The schema every message must satisfy before its payload is checked.
    public static let envelopeSchemaName = "envelope.v1"
    /// The file name suffix of schema files.
    public static let fileSuffix = ".schema.json"
    /// The prefix of every schema's `$id`; the file name follows it.
    public static let idPrefix = "https://schemas.wholesail.example/"

    /// Schema names (file names without ``fileSuffix``), sorted.
    public let names: [String]
    private let validators: [String: JSONSchemaValidator]

    /// Loads the schemas shipped in the Contracts module.
    public init() throws(EventSchemaError) {
        try self.init(directories: [Self.bundledDirectory()])
    }

    /// Loads every `*.schema.json` in the given directories (not recursive); they may reference each other.
    public init(directories: [URL]) throws(EventSchemaError) {
        var documents: [String: JSONValue] = [:]
        for file in try Self.schemaFiles(in: directories) {
            let name = String(file.lastPathComponent.dropLast(Self.fileSuffix.count))
            guard documents[name] == nil else { throw .duplicateName(name) }
            documents[name] = try Self.loadDocument(at: file)
        }
        for (name, document) in documents.sorted(by: { $0.key < $1.key }) {
            let expectedID = Self.idPrefix + name + Self.fileSuffix
            guard document["$id"]?.stringValue == expectedID else {
                throw .invalidSchema(name: name, .invalidKeywordValue("$id", schemaPath: "", expected: "\"\(expectedID)\""))
            }
            guard document["title"]?.stringValue?.isEmpty == false else {
                throw .invalidSchema(name: name, .invalidKeywordValue("title", schemaPath: "", expected: "a non-empty string"))
            }
            guard document["$schema"]?.stringValue == JSONSchemaRegistry.dialect else {
                throw .invalidSchema(name: name, .unsupportedDialect(document["$schema"]?.stringValue ?? "(missing)"))
            }
        }
        let registry: JSONSchemaRegistry
        do {
            registry = try JSONSchemaRegistry(documents: Array(documents.values))
        } catch {
            let culprit = documents.keys.sorted().first { name in
                error.schemaPath?.hasPrefix(Self.idPrefix + name + Self.fileSuffix + "#") == true
            }
            throw .invalidSchema(name: culprit ?? "(one of \(documents.keys.sorted().joined(separator: ", ")))", error)
        }
        var validators: [String: JSONSchemaValidator] = [:]
        for name in documents.keys {
            validators[name] = JSONSchemaValidator(registry: registry, rootBase: Self.idPrefix + name + Self.fileSuffix)
        }
        self.names = validators.keys.sorted()
        self.validators = validators
    }

    /// The directory of schemas shipped in the Contracts module's resource bundle.
    public static func bundledDirectory() throws(EventSchemaError) -> URL {
        guard let directory = Bundle.module.url(forResource: "Schemas", withExtension: nil) else {
            throw .resourcesMissing
        }
        return directory
    }

    /// The `*.schema.json` files in the given directories, sorted by path.
    public static func schemaFiles(in directories: [URL]) throws(EventSchemaError) -> [URL] {
        var files: [URL] = []
        for directory in directories {
            let contents: [URL]
            do {
                contents = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            } catch {
                throw .unreadable(directory.path, reason: String(describing: error))
            }
            files += contents.filter { $0.lastPathComponent.hasSuffix(fileSuffix) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Reads one schema file as JSON.
    public static func loadDocument(at file: URL) throws(EventSchemaError) -> JSONValue {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw .unreadable(file.path, reason: String(describing: error))
        }
        do {
            return try JSONValue(data: data)
        } catch {
            throw .invalidJSON(file.lastPathComponent, reason: String(describing: error))
        }
    }

    /// The validator for a schema name such as `money.v1` or `orders.order.received.v1`.
    public func validator(named name: String) throws(EventSchemaError) -> JSONSchemaValidator {
        guard let validator = validators[name] else { throw .schemaNotFound(name) }
        return validator
    }

    /// The validator for an event type's payload.
    public func validator(for eventType: EventType) throws(EventSchemaError) -> JSONSchemaValidator {
        try validator(named: eventType.routingKey)
    }

    /// Checks a whole message: the envelope against `envelope.v1`, then — when its `type` is a valid event
    /// type — the payload against `<type>.schema.json`, with payload violations under `/payload`.
    ///
    /// - Throws: ``EventSchemaError/schemaNotFound(_:)`` when the event type has no schema: every event
    ///   type must have one.
    public func validateEnvelope(_ envelope: JSONValue) throws(EventSchemaError) -> [JSONSchemaViolation] {
        var violations = try validator(named: Self.envelopeSchemaName).validate(envelope)
        guard let typeName = envelope["type"]?.stringValue, let eventType = try? EventType(parsing: typeName) else {
            return violations
        }
        let payloadValidator = try validator(for: eventType)
        violations += payloadValidator.validate(envelope["payload"] ?? .null).map { violation in
            JSONSchemaViolation(
                instancePath: "/payload" + violation.instancePath,
                schemaPath: "\(eventType.routingKey)\(Self.fileSuffix)#\(violation.schemaPath)",
                message: violation.message
            )
        }
        return violations
    }

    /// ``validateEnvelope(_:)`` for message bytes.
    public func validateEnvelope(data: Data) throws(EventSchemaError) -> [JSONSchemaViolation] {
        let envelope: JSONValue
        do {
            envelope = try JSONValue(data: data)
        } catch {
            throw .invalidJSON("message", reason: String(describing: error))
        }
        return try validateEnvelope(envelope)
    }

    /// ``validateEnvelope(_:)`` for a typed envelope, as it will be encoded.
    public func validateEnvelope<Payload>(_ envelope: EventEnvelope<Payload>) throws(EventSchemaError) -> [JSONSchemaViolation] {
        let value: JSONValue
        do {
            value = try JSONValue(encoding: envelope)
        } catch {
            throw .invalidJSON("envelope \(envelope.id)", reason: String(describing: error))
        }
        return try validateEnvelope(value)
    }
}
