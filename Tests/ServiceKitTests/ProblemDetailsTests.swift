import Contracts
import Foundation
import Hummingbird
import ServiceKit
import Testing

@Suite("Problem details document")
struct ProblemDetailsTests {
    @Test func encodesTheRFC9457MembersAndExtensionsAtTopLevel() throws {
        let problem = ProblemDetails(
            type: "urn:wholesail:problem:credit-limit-exceeded",
            title: "Credit limit exceeded",
            status: .unprocessableContent,
            detail: "Order total 120.00 EUR exceeds the open credit of 100.00 EUR.",
            instance: "/v1/orders/42",
            errors: [.init(pointer: "/lines/0/quantity", detail: "too many")],
            retryAfter: .milliseconds(1500),
            extensions: ["openCredit": .string("100.00")]
        )
        let json = try JSONValue(data: StableJSON.encode(problem))
        #expect(json == .object([
            "type": .string("urn:wholesail:problem:credit-limit-exceeded"),
            "title": .string("Credit limit exceeded"),
            "status": .number(422),
            "detail": .string("Order total 120.00 EUR exceeds the open credit of 100.00 EUR."),
            "instance": .string("/v1/orders/42"),
            "errors": .array([.object(["pointer": .string("/lines/0/quantity"), "detail": .string("too many")])]),
            "retryAfter": .number(2),
            "openCredit": .string("100.00"),
        ]))
    }

    @Test func defaultsToAboutBlankWithTheReasonPhraseAsTitle() throws {
        let json = try JSONValue(data: StableJSON.encode(ProblemDetails(status: .notFound)))
        #expect(json == .object(["type": .string("about:blank"), "title": .string("Not Found"), "status": .number(404)]))
    }

    @Test func extensionMembersCannotOverrideStandardOnes() throws {
        let problem = ProblemDetails(status: .conflict, extensions: ["status": .number(200), "type": .string("x")])
        let json = try JSONValue(data: StableJSON.encode(problem))
        #expect(json["status"] == .number(409))
        #expect(json["type"] == .string("about:blank"))
    }

    @Test func decodesWhatItEncodes() throws {
        let problem = ProblemDetails.validationFailed([.init(pointer: "/sku", detail: "unknown SKU")])
        let decoded = try StableJSON.decode(ProblemDetails.self, from: StableJSON.encode(problem))
        #expect(decoded.type == problem.type)
        #expect(decoded.status == .unprocessableContent)
        #expect(decoded.errors == problem.errors)
        #expect(decoded.detail == "unknown SKU")
    }

    @Test func decodingErrorDeepInAnArrayBecomesAJSONPointer() throws {
        struct Line: Decodable { let sku: String; let quantity: Int }
        struct Order: Decodable { let lines: [Line] }
        let body = #"{"lines":[{"sku":"A","quantity":1},{"sku":"B","quantity":"two"}]}"#
        let error = try #require(throws: DecodingError.self) {
            try StableJSON.decode(Order.self, from: Data(body.utf8))
        }
        let problem = ProblemDetails(decodingError: error)
        #expect(problem.status == .badRequest)
        #expect(problem.errors.map(\.pointer) == ["/lines/1/quantity"])
    }

    @Test func missingMemberPointsAtTheMember() throws {
        struct Line: Decodable { let sku: String; let quantity: Int }
        struct Order: Decodable { let lines: [Line] }
        let error = try #require(throws: DecodingError.self) {
            try StableJSON.decode(Order.self, from: Data(#"{"lines":[{"sku":"A"}]}"#.utf8))
        }
        #expect(ProblemDetails(decodingError: error).errors.map(\.pointer) == ["/lines/0/quantity"])
    }

    @Test func pointerEscapesTildeAndSlashInMemberNames() throws {
        struct Weird: Decodable {
            let value: [String: Int]
        }
        let error = try #require(throws: DecodingError.self) {
            try StableJSON.decode(Weird.self, from: Data(#"{"value":{"a/b~c":"x"}}"#.utf8))
        }
        #expect(ProblemDetails(decodingError: error).errors.map(\.pointer) == ["/value/a~1b~0c"])
    }

    @Test func invalidJSONPointsAtTheWholeBody() throws {
        let error = try #require(throws: DecodingError.self) {
            try StableJSON.decode([String: Int].self, from: Data("{not json".utf8))
        }
        let problem = ProblemDetails(decodingError: error)
        #expect(problem.errors == [.init(pointer: "", detail: "The request body is not valid JSON.")])
    }
}
