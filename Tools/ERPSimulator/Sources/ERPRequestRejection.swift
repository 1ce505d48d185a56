/// Why the simulated ERP refused a post as malformed (answered `400`; nothing recorded).
public enum ERPRequestRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// No `Idempotency-Key` header.
    case missingIdempotencyKey
    /// An `Idempotency-Key` that is not 1–200 printable ASCII characters, or more than one of them.
    case invalidIdempotencyKey(reason: String)
    /// The body is not JSON.
    case bodyNotJSON
    /// The body is JSON but not an object.
    case bodyNotObject(foundType: String)

    /// The most characters an idempotency key may have.
    public static let maximumIdempotencyKeyLength = 200

    public var description: String {
        switch self {
        case .missingIdempotencyKey:
            "The Idempotency-Key header is required: send one key per document, the same key on every retry."
        case .invalidIdempotencyKey(let reason):
            "The Idempotency-Key header is invalid: \(reason)."
        case .bodyNotJSON:
            "The request body is not valid JSON (or has numbers beyond 38 significant digits); send a JSON object."
        case .bodyNotObject(let foundType):
            "The request body must be a JSON object; found a JSON \(foundType)."
        }
    }

    /// Nil when `values` (the header's values) hold exactly one valid key; otherwise why not.
    static func checkIdempotencyKey(_ values: [String]) -> ERPRequestRejection? {
        guard let key = values.first else { return .missingIdempotencyKey }
        guard values.count == 1 else {
            return .invalidIdempotencyKey(reason: "send exactly one Idempotency-Key header, not \(values.count)")
        }
        guard !key.isEmpty else { return .missingIdempotencyKey }
        guard key.utf8.count <= maximumIdempotencyKeyLength else {
            return .invalidIdempotencyKey(reason: "it has \(key.utf8.count) characters; at most \(maximumIdempotencyKeyLength) are allowed")
        }
        guard key.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            return .invalidIdempotencyKey(reason: "only printable ASCII characters are allowed")
        }
        return nil
    }
}
