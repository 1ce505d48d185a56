import Foundation
import Shipments
import Testing

/// The signature scheme receivers check: HMAC-SHA256 over "<timestamp>.<raw body>", with replay protection.
@Suite("Webhook signature")
struct WebhookSignatureTests {
    let body = Array(#"{"shipmentID":"SHP-1"}"#.utf8)
    let secret = "whsec-test-0123456789abcdef"
    let timestamp: Int64 = 1_767_225_600
    var signedAt: Date { Date(timeIntervalSince1970: Double(timestamp)) }

    @Test func theSignatureIsHexHMACSHA256OverTheTimestampADotAndTheBodyWithTheVersionPrefix() {
        // Computed independently: python3 hmac.new(secret, b"1767225600." + body, sha256).hexdigest()
        #expect(WebhookSignature.sign(body: body, secret: secret, timestamp: timestamp)
            == "v1=88ecf5feec7ea9fcb955e312b45950dd282129fcde918915b9d195ccfc90a0a8")
    }

    @Test func aSignatureVerifiesWithinTheTolerance() {
        let signature = WebhookSignature.sign(body: body, secret: secret, timestamp: timestamp)
        #expect(WebhookSignature.verify(body: body, secret: secret, timestamp: timestamp, signature: signature, now: signedAt))
        #expect(WebhookSignature.verify(body: body, secret: secret, timestamp: timestamp, signature: signature, now: signedAt.addingTimeInterval(299)))
        #expect(WebhookSignature.verify(body: body, secret: secret, timestamp: timestamp, signature: signature, now: signedAt.addingTimeInterval(-299)))
    }

    @Test func aTamperedBodyFailsVerification() {
        let signature = WebhookSignature.sign(body: body, secret: secret, timestamp: timestamp)
        let tampered = Array(#"{"shipmentID":"SHP-2"}"#.utf8)
        #expect(!WebhookSignature.verify(body: tampered, secret: secret, timestamp: timestamp, signature: signature, now: signedAt))
        #expect(!WebhookSignature.verify(body: body + [UInt8(ascii: " ")], secret: secret, timestamp: timestamp, signature: signature, now: signedAt))
    }

    @Test func aStaleOrFutureTimestampFailsVerificationEvenWithAValidSignature() {
        let signature = WebhookSignature.sign(body: body, secret: secret, timestamp: timestamp)
        #expect(!WebhookSignature.verify(body: body, secret: secret, timestamp: timestamp, signature: signature, now: signedAt.addingTimeInterval(301)))
        #expect(!WebhookSignature.verify(body: body, secret: secret, timestamp: timestamp, signature: signature, now: signedAt.addingTimeInterval(-301)))
        #expect(!WebhookSignature.verify(body: body, secret: secret, timestamp: timestamp, signature: signature, now: signedAt.addingTimeInterval(10), tolerance: .seconds(5)))
    }

    @Test func aReplayWithANewTimestampFailsBecauseTheTimestampIsSigned() {
        let signature = WebhookSignature.sign(body: body, secret: secret, timestamp: timestamp)
        let later = timestamp + 3600
        #expect(!WebhookSignature.verify(body: body, secret: secret, timestamp: later, signature: signature, now: Date(timeIntervalSince1970: Double(later))))
    }

    @Test func anotherSecretOrAMalformedHeaderFailsVerification() {
        let signature = WebhookSignature.sign(body: body, secret: secret, timestamp: timestamp)
        #expect(!WebhookSignature.verify(body: body, secret: secret + "x", timestamp: timestamp, signature: signature, now: signedAt))
        let hex = String(signature.dropFirst(3))
        for malformed in ["", hex, "v2=\(hex)", "v1=\(hex.uppercased())", "v1=\(hex.dropLast())", "v1="] {
            #expect(!WebhookSignature.verify(body: body, secret: secret, timestamp: timestamp, signature: malformed, now: signedAt), "\(malformed)")
        }
    }

    @Test func anyOfSeveralSpaceSeparatedSignaturesMayMatch() {
        let current = WebhookSignature.sign(body: body, secret: secret, timestamp: timestamp)
        let old = WebhookSignature.sign(body: body, secret: "an-older-secret-rotated-out", timestamp: timestamp)
        #expect(WebhookSignature.verify(body: body, secret: secret, timestamp: timestamp, signature: "\(old) \(current)", now: signedAt))
    }

    @Test func everyAttemptCarriesTheDeliveryIdTimestampSignatureEventTypeAndContentType() {
        let headers = Dictionary(uniqueKeysWithValues: WebhookSignature.headers(
            deliveryID: "whd_1", eventType: "shipments.shipment.dispatched.v1", body: body, secret: secret, timestamp: timestamp
        ).map { ($0.name, $0.value) })
        #expect(headers == [
            "Webhook-Id": "whd_1",
            "Webhook-Timestamp": "1767225600",
            "Webhook-Signature": WebhookSignature.sign(body: body, secret: secret, timestamp: timestamp),
            "Webhook-Event-Type": "shipments.shipment.dispatched.v1",
            "Content-Type": "application/json",
        ])
    }
}
