/// An `Idempotency-Key` a request claims, with the answer to store for it if the claim succeeds.
public struct IdempotencyClaim: Sendable, Equatable {
    /// The key, as sent.
    public var key: String
    /// What the key was used for (`order`, `return:<order id>`): the same key for another purpose is refused.
    public var scope: String
    /// SHA-256 of the parsed request, so a repeat with another body is told apart from a retry.
    public var requestHash: String
    /// The HTTP status and body a retry with this key gets.
    public var status: Int
    public var body: String

    public init(key: String, scope: String, requestHash: String, status: Int, body: String) {
        self.key = key
        self.scope = scope
        self.requestHash = requestHash
        self.status = status
        self.body = body
    }
}
