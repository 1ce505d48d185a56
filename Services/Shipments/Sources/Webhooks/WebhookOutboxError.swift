/// Why an event could not be queued for webhook delivery.
public enum WebhookOutboxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The body is not UTF-8 text without NUL bytes (webhook bodies are JSON, stored as text).
    case bodyNotText(eventID: String)

    public var description: String {
        switch self {
        case .bodyNotText(let eventID):
            "the webhook body of event \(eventID) is not UTF-8 text (or contains NUL bytes); queue the event's JSON encoding"
        }
    }
}
