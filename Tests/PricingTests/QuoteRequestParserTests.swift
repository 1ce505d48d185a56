import Contracts
import Foundation
import Testing
@testable import Pricing

/// The fast path reads the common requests exactly as JSONDecoder does and hands everything else back.
@Suite("Quote request parser")
struct QuoteRequestParserTests {
    static func decoded(_ json: String) -> QuoteRequest? {
        try? StableJSON.decode(QuoteRequest.self, from: Data(json.utf8))
    }

    static func same(_ first: QuoteRequest?, _ second: QuoteRequest?) -> Bool {
        guard let first, let second else { return first == nil && second == nil }
        return first.customer == second.customer && first.currency == second.currency && first.at == second.at
            && first.lines.map(\.sku) == second.lines.map(\.sku) && first.lines.map(\.quantity) == second.lines.map(\.quantity)
    }

    @Test(arguments: [
        #"{"customer":"C-1","currency":"EUR","lines":[{"sku":"A","quantity":1}]}"#,
        #" { "lines" : [ { "quantity" : 250 , "sku" : "BOLT-M8" } , {"sku":"B","quantity":-3} ] , "currency":"JPY", "customer":"Müller 東京", "at":"2027-03-01T10:00:00.250+01:00" } "#,
        "{\"customer\":\"C\",\n\t\"currency\":\"EUR\",\r\n\"lines\":[]}",
        #"{"customer":"","currency":"","lines":[{"sku":"","quantity":0}]}"#,
        #"{"customer":"C","currency":"EUR","lines":[{"sku":"A","quantity":9223372036854775807}]}"#,
    ])
    func readsCommonRequestsExactlyAsJSONDecoderDoes(json: String) throws {
        let fast = QuoteRequestParser.parse(Array(json.utf8))
        #expect(fast != nil)
        #expect(Self.same(fast, Self.decoded(json)))
    }

    @Test(arguments: [
        #"{"customer":"C\u002d1","currency":"EUR","lines":[]}"#,  // an escape
        #"{"customer":"C","currency":"EUR","lines":[],"at":null}"#,  // null
        #"{"customer":"C","currency":"EUR","lines":[],"note":"x"}"#,  // an unknown key
        #"{"customer":"C","customer":"D","currency":"EUR","lines":[]}"#,  // a repeated key
        #"{"customer":"C","currency":"EUR","lines":[{"sku":"A","quantity":1.0}]}"#,  // a fraction
        #"{"customer":"C","currency":"EUR","lines":[{"sku":"A","quantity":1e2}]}"#,  // an exponent
        #"{"customer":"C","currency":"EUR","lines":[{"sku":"A","quantity":01}]}"#,  // a leading zero
        #"{"customer":"C","currency":"EUR","lines":[{"sku":"A","quantity":9223372036854775808}]}"#,  // overflow
        #"{"customer":"C","currency":"EUR"}"#,  // a missing key
        #"{"customer":"C","currency":"EUR","lines":[]} x"#,  // trailing text
        #"{"customer":"C","currency":"EUR","lines":[],}"#,  // a trailing comma
        #"{"customer":"C","currency":"EUR","lines":[],"at":"yesterday"}"#,  // a bad timestamp
        "{\"customer\":\"C\u{01}\",\"currency\":\"EUR\",\"lines\":[]}",  // a control character
        #"["customer"]"#,
        "",
    ])
    func handsEverythingUnusualBackToJSONDecoder(json: String) {
        #expect(QuoteRequestParser.parse(Array(json.utf8)) == nil)
    }

    @Test func handsInvalidUTF8BackToJSONDecoder() {
        let bytes = Array(#"{"customer":""#.utf8) + [0xFF, 0xFE] + Array(#"","currency":"EUR","lines":[]}"#.utf8)
        #expect(QuoteRequestParser.parse(bytes) == nil)
    }
}
