import Foundation
import Hummingbird
import ServiceKit
import Testing

/// Echoes the correlation id the route saw, and what its logger carries.
private let echoRoutes: @Sendable (ServiceRouter) throws -> Void = { router in
    router.get("/v1/echo") { _, context -> String in
        "\(context.correlationID)|\(context.logger[metadataKey: "correlation_id"]?.description ?? "-")"
    }
}

@Suite("Correlation ids")
struct CorrelationIDTests {
    @Test func aValidIncomingIDIsUsedLoggedAndEchoed() async throws {
        try await TestHTTPServer.with(routes: echoRoutes) { client in
            let response = try await client.get("/v1/echo", headers: ["X-Correlation-ID": "order-42:attempt-1"])
            #expect(response.header("X-Correlation-ID") == "order-42:attempt-1")
            #expect(response.text == "order-42:attempt-1|order-42:attempt-1")
        }
    }

    @Test func withoutAHeaderAnIDIsGeneratedAndEchoed() async throws {
        try await TestHTTPServer.with(routes: echoRoutes) { client in
            let first = try await client.get("/v1/echo")
            let second = try await client.get("/v1/echo")
            let firstID = try #require(first.header("X-Correlation-ID"))
            #expect(CorrelationID.isValid(firstID))
            #expect(first.text == "\(firstID)|\(firstID)")
            #expect(second.header("X-Correlation-ID") != firstID)
        }
    }

    @Test(arguments: [
        String(repeating: "a", count: 129),  // too long
        "has space",
        "tab\there",
        "ünïcödé",
    ])
    func anInvalidIncomingIDIsReplaced(invalid: String) async throws {
        try await TestHTTPServer.with(routes: echoRoutes) { client in
            let response = try await client.get("/v1/echo", headers: ["X-Correlation-ID": invalid])
            let echoed = try #require(response.header("X-Correlation-ID"))
            #expect(echoed != invalid)
            #expect(CorrelationID.isValid(echoed))
            #expect(response.text == "\(echoed)|\(echoed)")
        }
    }

    @Test func errorResponsesCarryTheIDToo() async throws {
        try await TestHTTPServer.with(routes: echoRoutes) { client in
            let response = try await client.get("/v1/unknown", headers: ["X-Correlation-ID": "abc"])
            #expect(response.status == 404)
            #expect(response.header("X-Correlation-ID") == "abc")
        }
    }

    @Test func validationBoundaries() {
        #expect(CorrelationID.isValid(String(repeating: "~", count: 128)))
        #expect(CorrelationID.isValid("!"))
        #expect(!CorrelationID.isValid(""))
        #expect(!CorrelationID.isValid(String(repeating: "a", count: 129)))
        #expect(!CorrelationID.isValid("a\u{7F}"))
    }
}
