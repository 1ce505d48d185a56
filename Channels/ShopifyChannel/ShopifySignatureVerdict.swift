/// The outcome of checking `X-Shopify-Hmac-Sha256` against a body: only ``valid(usedPreviousSecret:)`` may be parsed;
/// every other case answers 401 without reading the body.
public enum ShopifySignatureVerdict: Sendable, Hashable {
    /// The body was signed with one of the shop's secrets; `usedPreviousSecret` tells operators a sender still uses
    /// the secret being rotated out.
    case valid(usedPreviousSecret: Bool)
    /// No signature header (or an empty one).
    case missing
    /// The header is not base64 of a 32-byte HMAC-SHA256 (e.g. hex, truncated, or another scheme).
    case malformed
    /// A well-formed signature that no accepted secret produces: wrong secret, altered body, or expired previous secret.
    case mismatch

    /// Whether the delivery may be processed.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }
}
