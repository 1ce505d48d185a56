/// Why a webhook delivery's headers cannot be used; the HTTP layer answers 400 naming the header.
public enum ShopifyWebhookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A header the delivery needs is absent or empty.
    case missingHeader(String)
    /// A header is present but its value cannot be right.
    case invalidHeader(String, value: String, reason: String)

    public var description: String {
        switch self {
        case .missingHeader(let name):
            "the \(name) header is missing; Shopify sends it on every webhook delivery"
        case .invalidHeader(let name, let value, let reason):
            "the \(name) header \"\(value)\" is invalid: \(reason)"
        }
    }
}
