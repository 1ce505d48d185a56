import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit
import Testing

private struct LineRequest: Decodable, Sendable {
    let sku: String
    let quantity: Int
}

private struct OrderRequest: Decodable, Sendable {
    let customer: String
    let lines: [LineRequest]
}

private struct SecretDatabaseFailure: Error, CustomStringConvertible {
    var description: String { "password authentication failed for user wholesail_admin at 10.0.0.7" }
}

/// Routes that exercise each kind of failure.
private let failingRoutes: @Sendable (ServiceRouter) throws -> Void = { router in
    router.post("/v1/orders") { request, context -> HTTPResponse.Status in
        _ = try await request.decodeJSON(as: OrderRequest.self, context: context)
        return .accepted
    }
    router.get("/v1/orders/:id") { _, _ -> String in
        throw ProblemDetails(
            type: "urn:wholesail:problem:order-not-found", title: "Order not found", status: .notFound,
            detail: "No order 42."
        )
    }
    router.get("/v1/teapot") { _, _ -> String in
        throw HTTPError(.conflict, headers: [.retryAfter: "3"], message: "try later")
    }
    router.get("/v1/boom") { _, _ -> String in
        throw SecretDatabaseFailure()
    }
    router.get("/v1/database-down") { _, _ -> String in
        throw PostgresError(code: .poolAcquireTimeout, message: "waited 10 s for a connection to 10.0.0.7")
    }
}

@Suite("Problem+json responses")
struct ProblemDetailsMiddlewareTests {
    @Test func decodingErrorDeepInAnArrayIs400WithAPointer() async throws {
        try await TestHTTPServer.with(routes: failingRoutes) { client in
            let response = try await client.post(
                "/v1/orders",
                json: #"{"customer":"c1","lines":[{"sku":"A","quantity":1},{"sku":"B","quantity":"two"}]}"#
            )
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
            let problem = try response.problem()
            #expect(problem.status == .badRequest)
            #expect(problem.type == "urn:wholesail:problem:invalid-request-body")
            #expect(problem.errors.map(\.pointer) == ["/lines/1/quantity"])
        }
    }

    @Test func bodyThatIsNotJSONIs400PointingAtTheRoot() async throws {
        try await TestHTTPServer.with(routes: failingRoutes) { client in
            let response = try await client.post("/v1/orders", json: "{")
            #expect(response.status == 400)
            #expect(try response.problem().errors.map(\.pointer) == [""])
        }
    }

    @Test func nonJSONContentTypeIs415() async throws {
        try await TestHTTPServer.with(routes: failingRoutes) { client in
            let response = try await client.post("/v1/orders", json: "{}", headers: ["Content-Type": "text/plain"])
            #expect(response.status == 415)
            #expect(response.header("Content-Type") == "application/problem+json")
        }
    }

    @Test func bodyOverTheLimitAnnouncedByContentLengthIs413() async throws {
        try await TestHTTPServer.with(maximumRequestBodySize: 1024, routes: failingRoutes) { client in
            let big = #"{"customer":""# + String(repeating: "x", count: 2000) + #"","lines":[]}"#
            let response = try await client.post("/v1/orders", json: big)
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/problem+json")
            let problem = try response.problem()
            #expect(problem.type == "urn:wholesail:problem:content-too-large")
            #expect(problem.extensions["maximumBytes"] == .number(1024))
        }
    }

    @Test func chunkedBodyOverTheLimitIs413() async throws {
        try await TestHTTPServer.with(maximumRequestBodySize: 1024, routes: failingRoutes) { client in
            let big = #"{"customer":""# + String(repeating: "x", count: 2000) + #"","lines":[]}"#
            let response = try await client.send(
                "POST", "/v1/orders", body: Data(big.utf8), headers: ["Content-Type": "application/json"], streamBody: true
            )
            #expect(response.status == 413)
            #expect(try response.problem().type == "urn:wholesail:problem:content-too-large")
        }
    }

    @Test func bodyWithinTheLimitIsAccepted() async throws {
        try await TestHTTPServer.with(maximumRequestBodySize: 1024, routes: failingRoutes) { client in
            let response = try await client.post("/v1/orders", json: #"{"customer":"c1","lines":[{"sku":"A","quantity":1}]}"#)
            #expect(response.status == 202)
        }
    }

    @Test func unknownRouteIs404ProblemJSON() async throws {
        try await TestHTTPServer.with(routes: failingRoutes) { client in
            let response = try await client.get("/v1/nothing-here")
            #expect(response.status == 404)
            #expect(response.header("Content-Type") == "application/problem+json")
            let problem = try response.problem()
            #expect(problem.type == "about:blank")
            #expect(problem.title == "Not Found")
        }
    }

    @Test func wrongMethodOnAKnownPathIs405WithAllow() async throws {
        try await TestHTTPServer.with(routes: failingRoutes) { client in
            let response = try await client.send("DELETE", "/v1/orders/42")
            #expect(response.status == 405)
            #expect(response.header("Allow") == "GET, HEAD")
            #expect(response.header("Content-Type") == "application/problem+json")
        }
    }

    @Test func thrownProblemDetailsAreServedAsTheyAre() async throws {
        try await TestHTTPServer.with(routes: failingRoutes) { client in
            let response = try await client.get("/v1/orders/42")
            #expect(response.status == 404)
            let problem = try response.problem()
            #expect(problem.type == "urn:wholesail:problem:order-not-found")
            #expect(problem.title == "Order not found")
            #expect(problem.detail == "No order 42.")
        }
    }

    @Test func httpErrorKeepsItsStatusMessageAndHeaders() async throws {
        try await TestHTTPServer.with(routes: failingRoutes) { client in
            let response = try await client.get("/v1/teapot")
            #expect(response.status == 409)
            #expect(response.header("Retry-After") == "3")
            #expect(try response.problem().detail == "try later")
        }
    }

    @Test func unexpectedErrorIs500WithoutInternalsAndIsLoggedWithTheCorrelationID() async throws {
        let logs = LogCapture()
        try await TestHTTPServer.with(logger: logs.logger("servicekit-500"), routes: failingRoutes) { client in
            let response = try await client.get("/v1/boom", headers: ["X-Correlation-ID": "report-me-123"])
            #expect(response.status == 500)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(!response.text.contains("password"))
            #expect(!response.text.contains("10.0.0.7"))
            #expect(!response.text.contains("SecretDatabaseFailure"))
            let problem = try response.problem()
            #expect(problem.extensions["correlationID"] == .string("report-me-123"))

            let errorLines = try logs.records().filter { $0["level"] as? String == "error" }
            let line = try #require(errorLines.first)
            let metadata = try #require(line["metadata"] as? [String: Any])
            #expect(metadata["correlation_id"] as? String == "report-me-123")
            #expect((metadata["error"] as? String)?.contains("password authentication failed") == true)
        }
    }

    @Test func unavailableDatabaseIs503WithRetryAfterAndNoInternals() async throws {
        try await TestHTTPServer.with(routes: failingRoutes) { client in
            let response = try await client.get("/v1/database-down")
            #expect(response.status == 503)
            #expect(response.header("Retry-After") == "1")
            #expect(!response.text.contains("10.0.0.7"))
            #expect(try response.problem().type == "urn:wholesail:problem:service-unavailable")
        }
    }

    @Test func headIsServedForGetRoutes() async throws {
        try await TestHTTPServer.with(routes: { router in
            router.get("/v1/ping") { _, _ in "pong" }
        }) { client in
            let response = try await client.send("HEAD", "/v1/ping")
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
        }
    }
}
