import Foundation

/// The keys a shop's webhooks may be signed with: the current app client secret and, while a rotation is under way,
/// the previous one until a deadline — Shopify keeps signing with the old secret for a while after it is rotated, and
/// deliveries already in flight or being retried carry the old signature.
///
/// Never printed: `description` redacts both secrets so a log line of this value leaks nothing.
public struct ShopifyWebhookSecrets: Sendable, Hashable, CustomStringConvertible {
    /// The secret Shopify signs with now (the app's client secret, or the key an admin-created webhook shows).
    public var current: String
    /// The secret used before the last rotation, if it is still accepted.
    public var previous: String?
    /// The moment the previous secret stops being accepted (exclusive); nil when there is no previous secret.
    public var previousAcceptedUntil: Date?

    /// Only the current secret is accepted.
    public init(current: String) {
        self.current = current
        self.previous = nil
        self.previousAcceptedUntil = nil
    }

    /// The current secret, plus the previous one for deliveries verified before `previousAcceptedUntil`.
    public init(current: String, previous: String, previousAcceptedUntil: Date) {
        self.current = current
        self.previous = previous
        self.previousAcceptedUntil = previousAcceptedUntil
    }

    /// The previous secret if it still counts at `now` (strictly before its deadline).
    func previousSecret(acceptedAt now: Date) -> String? {
        guard let previous, let previousAcceptedUntil, now < previousAcceptedUntil else { return nil }
        return previous
    }

    public var description: String {
        let rotation = previousAcceptedUntil.map { ", previous accepted until \($0)" } ?? ""
        return "ShopifyWebhookSecrets(current: <redacted>\(previous == nil ? "" : ", previous: <redacted>")\(rotation))"
    }
}
