import HTTPTypes

extension HTTPField.Name {
    /// RFC draft `Idempotency-Key`: the client's name for one attempt at a request, repeated on retries.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// Set on a response replayed for a repeated `Idempotency-Key`.
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
    /// Alternative to `Authorization: Bearer <key>` for clients that cannot set Authorization.
    static let apiKey = HTTPField.Name("X-API-Key")!
}
