@testable import Contracts
import Foundation
import Testing

/// `JSONValue(data:)` parses by hand; `JSONDecoder` is the reference it must agree with (except that it is strict
/// about trailing commas, which JSONDecoder lets through).
@Suite("JSONParser: the same values as JSONDecoder, the same refusals")
struct JSONParserTests {
    private func bothParse(_ text: String) throws -> (fast: JSONValue, reference: JSONValue) {
        let data = Data(text.utf8)
        return (try JSONValue(data: data), try JSONValue(decodingWithFoundation: data))
    }

    @Test("a channel webhook with nested objects, arrays, nulls, booleans and big ids parses as JSONDecoder parses it")
    func webhookDocumentMatchesReference() throws {
        let webhook = """
        {"id": 123456, "order_id": 820982911946154508, "status": "pending", "created_at": "2021-12-31T19:00:00-05:00",
         "service": null, "email": "jon@example.com", "tracking_numbers": ["1Z2345"], "notify_customer": true,
         "destination": {"first_name": "Steve", "address2": null, "latitude": 45.41634, "longitude": -75.6868},
         "line_items": [{"id": 487817672276298554, "quantity": 1, "sku": "SKU2006-001", "price": "89.99", "grams": 100,
                         "properties": [], "tax_lines": [{"rate": 0.13, "price": "11.70", "title": "HST"}], "taxable": false}]}
        """
        let parsed = try self.bothParse(webhook)
        #expect(parsed.fast == parsed.reference)
        #expect(parsed.fast["order_id"] == .number(Decimal(string: "820982911946154508")!))
    }

    @Test("numbers keep their exact decimal value", arguments: [
        "0", "-0", "7", "-42", "0.1", "12.50", "0.005", "-0.000001", "1e3", "1E-2", "2.5e+2", "9223372036854775807",
        "-9223372036854775808", "12345678901234567890123", "0.12345678901234567890123", "1.5e100", "4e-120",
    ])
    func numbersMatchReference(text: String) throws {
        let parsed = try self.bothParse(text)
        #expect(parsed.fast == parsed.reference)
    }

    @Test("strings with escapes, surrogate pairs and non-ASCII text parse as JSONDecoder parses them", arguments: [
        #""plain""#, #""quote \" backslash \\ slash \/""#, #""\b\f\n\r\t""#, #""\u00e9t\u00E9 \ud83d\ude00""#, "\"grüße 😀\"", #""""#,
    ])
    func stringsMatchReference(text: String) throws {
        let parsed = try self.bothParse(text)
        #expect(parsed.fast == parsed.reference)
    }

    @Test("whitespace around and inside the value is allowed")
    func whitespaceIsAllowed() throws {
        let parsed = try self.bothParse(" \n\t{ \"a\" : [ 1 , 2 ] , \"b\" : { } }\r\n ")
        #expect(parsed.fast == ["a": [1, 2], "b": .object([:])])
    }

    @Test("trailing commas are refused (RFC 8259), although JSONDecoder tolerates them", arguments: ["[1,]", "{\"a\":1,}"])
    func trailingCommaIsRefused(text: String) {
        #expect(throws: (any Error).self) { try JSONValue(data: Data(text.utf8)) }
    }

    @Test("malformed JSON is refused", arguments: [
        "", "{", "{a:1}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul", "\"open", "[1] 2",
        "\"tab\there\"", #""\x""#, #""\ud83d""#, #""\ude00""#, "NaN", "'single'", "{\"a\" 1}",
    ])
    func malformedIsRefused(text: String) {
        #expect(throws: (any Error).self) { try JSONValue(data: Data(text.utf8)) }
        #expect(throws: (any Error).self) { try JSONValue(decodingWithFoundation: Data(text.utf8)) }
    }

    @Test("bytes that are not UTF-8 inside a string are refused")
    func invalidUTF8IsRefused() {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x22]
        #expect(throws: (any Error).self) { try JSONValue(data: Data(bytes)) }
    }

    @Test("nesting deeper than the limit is refused, not a stack overflow")
    func deepNestingIsRefused() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: (any Error).self) { try JSONValue(data: Data(text.utf8)) }
    }

    @Test("wholeNumberValue: exact integers only, fractions and other values are nil")
    func wholeNumberValue() throws {
        #expect(try JSONValue(data: Data("12".utf8)).wholeNumberValue == 12)
        #expect(try JSONValue(data: Data("12.0".utf8)).wholeNumberValue == 12)
        #expect(try JSONValue(data: Data("-3e2".utf8)).wholeNumberValue == -300)
        #expect(try JSONValue(data: Data("1.5".utf8)).wholeNumberValue == nil)
        #expect(try JSONValue(data: Data("1e13".utf8)).wholeNumberValue == nil)
        #expect(try JSONValue(data: Data("\"12\"".utf8)).wholeNumberValue == nil)
    }

    @Test("random documents written by StableJSON read back equal through both parsers")
    func randomDocumentsRoundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let value = Self.randomValue(depth: 0, using: &generator)
            let data = try StableJSON.encode(value)
            let fast = try JSONValue(data: data)
            #expect(fast == value)
            #expect(fast == (try JSONValue(decodingWithFoundation: data)))
        }
    }

    private static func randomValue(depth: Int, using generator: inout SystemRandomNumberGenerator) -> JSONValue {
        let choice = Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &generator)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2:
            let units = Int64.random(in: -1_000_000_000...1_000_000_000, using: &generator)
            return .number(Decimal(sign: units < 0 ? .minus : .plus, exponent: -Int.random(in: 0...4, using: &generator), significand: Decimal(units.magnitude)))
        case 3:
            let characters = ["a", "é", "\"", "\\", "/", "\n", "😀", "\u{1}", " ", "Z"]
            return .string((0..<Int.random(in: 0...8, using: &generator)).map { _ in characters.randomElement(using: &generator)! }.joined())
        case 4:
            return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<Int.random(in: 0...4, using: &generator) { members["k\(index)"] = randomValue(depth: depth + 1, using: &generator) }
            return .object(members)
        }
    }
}
