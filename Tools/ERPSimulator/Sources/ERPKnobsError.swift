import ServiceKit

/// Knob values that were refused; nothing was changed. Each error names the knob by JSON pointer
/// (`/latencyMilliseconds`) and says which values are allowed.
public struct ERPKnobsError: Error, Sendable, Hashable, CustomStringConvertible {
    public typealias FieldError = ProblemDetails.FieldError

    public var errors: [FieldError]

    public init(errors: [FieldError]) {
        self.errors = errors
    }

    public var description: String {
        "invalid ERP simulator knobs: " + errors.map(\.detail).joined(separator: "; ")
    }
}
