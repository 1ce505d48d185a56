/// A request body with invalid fields, every one of them listed (a client fixes its mapping in one round).
public struct InvalidRequest: Error, Sendable, Hashable, CustomStringConvertible {
    public var violations: [FieldViolation]

    public init(violations: [FieldViolation]) {
        self.violations = violations
    }

    public var description: String { violations.map(\.description).joined(separator: "; ") }
}
