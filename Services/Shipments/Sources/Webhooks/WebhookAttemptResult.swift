/// How one webhook attempt went.
enum WebhookAttemptResult: Sendable, Hashable {
    /// The receiver answered 2xx.
    case delivered(statusCode: Int)
    /// The receiver answered something else (including a redirect, which is never followed).
    case rejected(statusCode: Int, detail: String)
    /// No answer: timeout, connection refused or reset, DNS failure.
    case unreachable(String)
    /// The dispatcher stopped waiting (hard shutdown); the outcome is unknown and the delivery's lease brings it back.
    case abandoned
}
