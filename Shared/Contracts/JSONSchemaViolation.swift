/// One way an instance fails a JSON Schema.
public struct JSONSchemaViolation: Hashable, Sendable, CustomStringConvertible {
    /// JSON Pointer (RFC 6901) to the offending value in the instance; `""` is the whole instance.
    public let instancePath: String
    /// JSON Pointer to the failing keyword along the evaluation path, e.g. `/properties/id/format`
    /// (references appear as `/$ref`).
    public let schemaPath: String
    /// What is wrong, for people.
    public let message: String

    public init(instancePath: String, schemaPath: String, message: String) {
        self.instancePath = instancePath
        self.schemaPath = schemaPath
        self.message = message
    }

    /// `/payload/amount: "1.2.3" does not match pattern … (schema /properties/…)`.
    public var description: String {
        "\(instancePath.isEmpty ? "(root)" : instancePath): \(message) [schema \(schemaPath.isEmpty ? "#" : schemaPath)]"
    }
}
