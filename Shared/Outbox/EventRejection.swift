/// Thrown by a handler for a message that can never succeed (it contradicts the service's data, it
/// is for an unknown customer…): the message is parked in the dead-letter queue at once, with this
/// reason, instead of being retried.
public struct EventRejection: Error, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
