/// Names of the AMQP message headers Wholesail sets, in one place so publishers, the consumer runner and
/// operator tools agree on them.
public enum MessageHeaders {
    /// W3C trace context of the message (same value as the envelope's `traceparent`).
    public static let traceparent = "traceparent"
    /// Which delivery attempt this is, counting from 1; set when a message is sent to a retry queue.
    public static let attempt = "x-wholesail-attempt"
    /// On a parked message: why it was parked (the last error, or "undecodable body" / "unknown event type").
    public static let reason = "x-wholesail-reason"
    /// On a parked message: the handler that failed.
    public static let handler = "x-wholesail-handler"
    /// On a parked message: how many attempts were made.
    public static let attempts = "x-wholesail-attempts"
    /// On a parked message: ISO 8601 time of the first failure.
    public static let firstFailure = "x-wholesail-first-failure"
    /// On a parked or retried message: the routing key it originally had, for replay.
    public static let originalRoutingKey = "x-wholesail-original-routing-key"
    /// On a parked or retried message: the exchange it was originally published to, for replay.
    public static let originalExchange = "x-wholesail-original-exchange"
}
