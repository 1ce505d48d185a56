import HTTPTypes

extension HTTPField.Name {
    /// RFC draft `Idempotency-Key`: the client's name for one attempt at a request, repeated on retries.
    public static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// Set on a response replayed for a repeated request (same `Idempotency-Key` or the same event id).
    public static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
