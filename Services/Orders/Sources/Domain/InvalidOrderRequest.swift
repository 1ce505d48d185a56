/// An order body with problems: every one found, each with its JSON pointer.
public struct InvalidOrderRequest: Error, Sendable, Hashable, CustomStringConvertible {
    public var violations: [OrderRequestViolation]

    public init(violations: [OrderRequestViolation]) {
        self.violations = violations
    }

    public var description: String { violations.map(\.description).joined(separator: "; ") }
}
