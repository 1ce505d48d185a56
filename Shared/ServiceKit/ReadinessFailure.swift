/// Why a readiness check failed, in words fit for the readiness response.
public struct ReadinessFailure: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
