import Foundation
import ServiceKit

/// Shopify's webhook signature: `X-Shopify-Hmac-Sha256` = base64(HMAC-SHA256(key: secret as UTF-8, message: the raw
/// body bytes)).
///
/// Verify the bytes exactly as received, before any JSON parsing: re-serialised JSON (other whitespace, key order or
/// number spelling) has another signature. Comparison is constant-time so a forger learns nothing from timing.
public enum ShopifyWebhookSignature {
    /// Length of an HMAC-SHA256 in bytes; a header decoding to another length is malformed.
    static let codeByteCount = 32

    /// Checks `header` (the `X-Shopify-Hmac-Sha256` value, nil when absent) against `body` under the current secret,
    /// then under the previous secret while `now < secrets.previousAcceptedUntil`.
    public static func verify(
        body: some Collection<UInt8>, header: String?, secrets: ShopifyWebhookSecrets, now: Date
    ) -> ShopifySignatureVerdict {
        guard let header else { return .missing }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .missing }
        guard let presented = Data(base64Encoded: trimmed), presented.count == codeByteCount else { return .malformed }
        let presentedBytes = [UInt8](presented)
        let currentCode = HMACSHA256.authenticationCode(for: body, key: Array(secrets.current.utf8))
        if HMACSHA256.constantTimeEquals(currentCode, presentedBytes) {
            return .valid(usedPreviousSecret: false)
        }
        if let previous = secrets.previousSecret(acceptedAt: now) {
            let previousCode = HMACSHA256.authenticationCode(for: body, key: Array(previous.utf8))
            if HMACSHA256.constantTimeEquals(previousCode, presentedBytes) {
                return .valid(usedPreviousSecret: true)
            }
        }
        return .mismatch
    }

    /// The header value Shopify would send for `body` signed with `secret` — for tests and channel simulators.
    public static func sign(body: some Collection<UInt8>, secret: String) -> String {
        Data(HMACSHA256.authenticationCode(for: body, key: Array(secret.utf8))).base64EncodedString()
    }
}
