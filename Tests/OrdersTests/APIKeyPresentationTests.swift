import HTTPTypes
import Testing

@testable import Orders

/// Where a channel's API key is read from: `Authorization: Bearer …` first, else `X-API-Key`, spaces and tabs around
/// it ignored.
@Suite("API key presentation")
struct APIKeyPresentationTests {
    static func headers(_ fields: [(String, String)]) -> HTTPFields {
        var headers = HTTPFields()
        for (name, value) in fields { headers[HTTPField.Name(name)!] = value }
        return headers
    }

    @Test func aBearerTokenIsTheKeyWithoutSurroundingSpacesAndTabs() {
        #expect(APIKeyAuthenticator.presentedKey(Self.headers([("Authorization", "bearer \t wsk_live_1 \t")])) == "wsk_live_1")
    }

    @Test func anotherAuthorizationSchemeFallsBackToXAPIKey() {
        let headers = Self.headers([("Authorization", "Basic dXNlcjpwYXNz"), ("X-API-Key", " wsk_live_2 ")])
        #expect(APIKeyAuthenticator.presentedKey(headers) == "wsk_live_2")
    }

    @Test func aKeyOfOnlySpacesIsNoKey() {
        #expect(APIKeyAuthenticator.presentedKey(Self.headers([("Authorization", "Bearer  \t "), ("X-API-Key", "\t")])) == nil)
    }

    @Test func spacesInsideTheKeyAreKept() {
        #expect(APIKeyAuthenticator.trimmingSpacesAndTabs(" a b ") == "a b")
    }
}
