import Contracts
import Foundation
import ServiceKit
import ShopifyChannel
import Testing

@Suite("Shopify webhook signature")
struct ShopifyWebhookSignatureTests {
    let secret = "rotate-me-2026"
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func body() throws -> [UInt8] { try ShopifyFixtures.bytes("orders-create-b2b.json") }

    @Test func signatureOverTheExactBodyWithTheCurrentSecretIsValid() throws {
        // Computed independently: openssl dgst -sha256 -hmac rotate-me-2026 -binary < orders-create-b2b.json | base64
        let header = "s/zVp2x9BfsjtncFgxDPLJvNPxQyB9/yAZ8XyVCggUQ="
        let verdict = ShopifyWebhookSignature.verify(body: try body(), header: header, secrets: .init(current: secret), now: now)
        #expect(verdict == .valid(usedPreviousSecret: false))
    }

    @Test func signIsBase64OfTheHMACOfTheRawBytes() {
        let body = Array(##"{"id":5739261045781234567,"name":"#NW-4410"}"##.utf8)
        #expect(ShopifyWebhookSignature.sign(body: body, secret: secret) == "7cPDlCGC5V8THZzoAH47G1MTkseI1P6IfKrEajnVvIo=")
    }

    @Test func signatureMadeWithAnotherSecretIsAMismatch() throws {
        let body = try body()
        let header = ShopifyWebhookSignature.sign(body: body, secret: "someone-elses-secret")
        #expect(ShopifyWebhookSignature.verify(body: body, header: header, secrets: .init(current: secret), now: now) == .mismatch)
    }

    @Test func bodyAlteredByOneByteIsAMismatch() throws {
        var body = try body()
        let header = ShopifyWebhookSignature.sign(body: body, secret: secret)
        // "12.50" → "12.51" in the first price: one byte, still valid JSON.
        let index = try #require(body.indices.first { body[$0...].starts(with: Array(#""price": "12.50""#.utf8)) })
        body[index + 14] = UInt8(ascii: "1")
        #expect(ShopifyWebhookSignature.verify(body: body, header: header, secrets: .init(current: secret), now: now) == .mismatch)
    }

    @Test(arguments: [nil, "", "   "] as [String?])
    func absentOrEmptyHeaderIsMissing(header: String?) throws {
        #expect(ShopifyWebhookSignature.verify(body: try body(), header: header, secrets: .init(current: secret), now: now) == .missing)
    }

    @Test(arguments: [
        "not base64 at all!",
        "AAECAwQFBgcICQoLDA0ODw==",  // base64 of 16 bytes, not 32
        "e45b2a3b3f0b1c8c8f6a5f3fa1d0e8b6c4f0d2a7e3b1c9d5f7a2e4c6b8d0f1a3",  // hex, as some other platforms send
    ])
    func headerThatIsNotBase64Of32BytesIsMalformed(header: String) throws {
        #expect(ShopifyWebhookSignature.verify(body: try body(), header: header, secrets: .init(current: secret), now: now) == .malformed)
    }

    @Test func previousSecretInsideTheRotationWindowIsValidAndReported() throws {
        let body = try body()
        let header = ShopifyWebhookSignature.sign(body: body, secret: "old-secret")
        let secrets = ShopifyWebhookSecrets(current: secret, previous: "old-secret", previousAcceptedUntil: now.addingTimeInterval(1))
        #expect(ShopifyWebhookSignature.verify(body: body, header: header, secrets: secrets, now: now) == .valid(usedPreviousSecret: true))
    }

    @Test(arguments: [0.0, 3600.0])
    func previousSecretAtOrAfterTheEndOfTheRotationWindowIsAMismatch(secondsAfterDeadline: Double) throws {
        let body = try body()
        let header = ShopifyWebhookSignature.sign(body: body, secret: "old-secret")
        let secrets = ShopifyWebhookSecrets(current: secret, previous: "old-secret", previousAcceptedUntil: now.addingTimeInterval(-secondsAfterDeadline))
        #expect(ShopifyWebhookSignature.verify(body: body, header: header, secrets: secrets, now: now) == .mismatch)
    }

    @Test func currentSecretDuringARotationIsNotReportedAsPrevious() throws {
        let body = try body()
        let header = ShopifyWebhookSignature.sign(body: body, secret: secret)
        let secrets = ShopifyWebhookSecrets(current: secret, previous: "old-secret", previousAcceptedUntil: now.addingTimeInterval(60))
        #expect(ShopifyWebhookSignature.verify(body: body, header: header, secrets: secrets, now: now) == .valid(usedPreviousSecret: false))
    }

    @Test func secretsNeverAppearInTheirDescription() {
        let secrets = ShopifyWebhookSecrets(current: "current-value", previous: "previous-value", previousAcceptedUntil: now)
        #expect(!String(describing: secrets).contains("current-value"))
        #expect(!String(describing: secrets).contains("previous-value"))
    }

    // MARK: The shared vectors (../shared/samples/signatures/webhook-signature-vectors.json)

    /// One Shopify vector of the shared file: a body, a header and whether it must verify.
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var secret: String
        var body: [UInt8]
        var header: String
        var mustBeValid: Bool
        var expectedBodyByteCount: Int?
        var expectedBodySHA256: String?
        var testDescription: String { name }
    }

    /// Every Shopify vector of the file; none when the samples are not beside the checkout.
    static func sharedVectors() -> [Vector] {
        guard let data = try? ShopifyFixtures.sampleBytes("signatures/webhook-signature-vectors.json"),
            let file = try? JSONValue(data: Data(data)),
            let vectors = file["shopify_hmac_sha256"]?["vectors"]?.arrayValue
        else { return [] }
        return vectors.compactMap { vector -> Vector? in
            guard let name = vector["name"]?.stringValue, let secret = vector["secret"]?.stringValue else { return nil }
            var body: [UInt8]?
            if let inline = vector["body"]?.stringValue {
                body = Array(inline.utf8)
            } else if let path = vector["body_file"]?.stringValue {
                // Paths are relative to the folder holding `shared/`.
                body = try? ShopifyFixtures.sampleBytes(String(path.dropFirst("shared/samples/".count)))
            } else if vector["hmac_of_reserialized"] != nil {
                // The original sample's bytes with the signature of its re-serialised JSON: must not verify.
                body = try? ShopifyFixtures.sampleBytes("shopify/orders-create.webhook.json")
            }
            let header = vector["expected_header"]?.stringValue ?? vector["hmac_of_reserialized"]?.stringValue
            guard let body, let header else { return nil }
            return Vector(
                name: name, secret: secret, body: body, header: header, mustBeValid: vector["expect"]?.stringValue == "valid",
                expectedBodyByteCount: vector["body_bytes"]?.wholeNumberValue, expectedBodySHA256: vector["body_sha256_hex"]?.stringValue
            )
        }
    }

    @Test(arguments: sharedVectors())
    func sharedVectorVerifiesAsTheFileSays(vector: Vector) {
        if let count = vector.expectedBodyByteCount { #expect(vector.body.count == count) }
        if let digest = vector.expectedBodySHA256 { #expect(SHA256.hexDigest(vector.body) == digest) }
        let verdict = ShopifyWebhookSignature.verify(body: vector.body, header: vector.header, secrets: .init(current: vector.secret), now: now)
        #expect(verdict == (vector.mustBeValid ? .valid(usedPreviousSecret: false) : .mismatch))
        if vector.mustBeValid {
            #expect(ShopifyWebhookSignature.sign(body: vector.body, secret: vector.secret) == vector.header)
        }
    }
}
