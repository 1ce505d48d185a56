import Foundation
import ServiceKit

/// How every webhook request is signed, and how a receiver checks it.
///
/// Each attempt is an HTTP `POST` of the event's JSON body with these headers:
///
/// | header | value |
/// |---|---|
/// | `Webhook-Id` | the delivery id, e.g. `whd_3f9a…`: the same on every attempt of one delivery, so a receiver drops repeats |
/// | `Webhook-Timestamp` | when this attempt was signed, in whole seconds since 1970-01-01T00:00:00Z |
/// | `Webhook-Signature` | `v1=<hex>`: lower-case hex of HMAC-SHA256, keyed with the subscription's secret (its UTF-8 bytes), over `<Webhook-Timestamp>.<raw body>` |
/// | `Webhook-Event-Type` | the event type, e.g. `shipments.shipment.dispatched.v1` |
/// | `Content-Type` | `application/json` |
///
/// A receiver checks, before parsing the body:
/// 1. recompute the HMAC over the timestamp header, a `.`, and the body bytes exactly as received (do not re-encode
///    the JSON), and compare it with the signature in constant time;
/// 2. reject a timestamp more than a few minutes from its own clock (replay protection: an old request captured in
///    transit cannot be sent again later, because changing the timestamp breaks the signature);
/// 3. remember `Webhook-Id`s it has processed for at least that tolerance and answer a repeat with 2xx without
///    processing it again (retries and redeliveries carry the same id).
///
/// Any 2xx answer counts as delivered; anything else (other statuses, redirects, timeouts, connection errors) is
/// retried. ``verify(body:secret:timestamp:signature:now:tolerance:)`` is that check, for receivers written in Swift
/// and for tests.
public struct WebhookSignature: Sendable {
    /// The delivery id header.
    public static let idHeader = "Webhook-Id"
    /// The signing time header (Unix seconds).
    public static let timestampHeader = "Webhook-Timestamp"
    /// The signature header (`v1=<hex>`).
    public static let signatureHeader = "Webhook-Signature"
    /// The event type header.
    public static let eventTypeHeader = "Webhook-Event-Type"
    /// The version prefix of the signature; a future scheme gets a new one, sent alongside during a migration.
    public static let version = "v1"
    /// How far a timestamp may be from the receiver's clock by default: five minutes.
    public static let defaultTolerance: Duration = .seconds(300)

    /// The `Webhook-Signature` value for `body` signed at `timestamp` (Unix seconds): `v1=` and 64 hex digits.
    public static func sign(body: [UInt8], secret: String, timestamp: Int64) -> String {
        "\(version)=\(hexCode(body: body, secret: secret, timestamp: timestamp))"
    }

    /// The headers of one attempt, in a fixed order.
    public static func headers(deliveryID: String, eventType: String, body: [UInt8], secret: String, timestamp: Int64) -> [(name: String, value: String)] {
        [
            (idHeader, deliveryID),
            (timestampHeader, String(timestamp)),
            (signatureHeader, sign(body: body, secret: secret, timestamp: timestamp)),
            (eventTypeHeader, eventType),
            ("Content-Type", "application/json"),
        ]
    }

    /// The receiver's check: whether `signature` (the `Webhook-Signature` header; several space-separated values
    /// are allowed, any `v1=` one may match, so a sender can sign with an old and a new secret while rotating) is
    /// the signature of `body` at `timestamp` under `secret`, and `timestamp` lies within `tolerance` of `now`.
    ///
    /// The codes are compared in constant time, so the check leaks nothing about where a forged code differs.
    public static func verify(
        body: [UInt8], secret: String, timestamp: Int64, signature: String, now: Date = Date(), tolerance: Duration = defaultTolerance
    ) -> Bool {
        let nowSeconds = Int64(now.timeIntervalSince1970.rounded(.down))
        let toleranceSeconds = tolerance.components.seconds
        let (difference, overflow) = nowSeconds.subtractingReportingOverflow(timestamp)
        guard !overflow, difference.magnitude <= toleranceSeconds.magnitude else { return false }
        let expected = Array(hexCode(body: body, secret: secret, timestamp: timestamp).utf8)
        let prefix = Array("\(version)=".utf8)
        var matched = false
        for candidate in signature.utf8.split(separator: UInt8(ascii: " ")) where candidate.starts(with: prefix) {
            // Every candidate is compared (no early exit), in constant time.
            if HMACSHA256.constantTimeEquals(candidate.dropFirst(prefix.count), expected) { matched = true }
        }
        return matched
    }

    /// Lower-case hex of HMAC-SHA256(secret, "<timestamp>.<body>").
    private static func hexCode(body: [UInt8], secret: String, timestamp: Int64) -> String {
        var message = Array("\(timestamp).".utf8)
        message.append(contentsOf: body)
        return HMACSHA256.hexAuthenticationCode(for: message, key: Array(secret.utf8))
    }
}
