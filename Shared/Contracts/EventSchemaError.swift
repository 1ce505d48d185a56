/// Why schemas could not be loaded or a message could not be checked.
public enum EventSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Contracts resource bundle has no `Schemas` directory.
    case resourcesMissing
    /// A directory or file could not be read.
    case unreadable(String, reason: String)
    /// A schema file or message is not JSON.
    case invalidJSON(String, reason: String)
    /// A schema uses something the validator does not support, or breaks the naming convention.
    case invalidSchema(name: String, JSONSchemaError)
    /// Two directories contain a schema file with the same name.
    case duplicateName(String)
    /// No schema has this name; every event type needs a `<type>.schema.json`.
    case schemaNotFound(String)

    public var description: String {
        switch self {
        case .resourcesMissing:
            "the Contracts resource bundle has no Schemas directory; check Package.swift copies Shared/Contracts/Schemas"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .invalidJSON(let name, let reason):
            "\(name) is not valid JSON: \(reason)"
        case .invalidSchema(let name, let error):
            "schema \(name) is invalid: \(error)"
        case .duplicateName(let name):
            "two schema files are named \(name)\(EventSchemas.fileSuffix)"
        case .schemaNotFound(let name):
            "no schema named \(name); add \(name)\(EventSchemas.fileSuffix) to Shared/Contracts/Schemas"
        }
    }
}
