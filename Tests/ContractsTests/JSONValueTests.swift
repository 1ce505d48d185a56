import Contracts
import Foundation
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test func decodesEveryKindOfValue() throws {
        let value = try json(#"{"a":null,"b":true,"c":1.5,"d":"x","e":[1,"y"],"f":{"g":false}}"#)
        #expect(value == .object([
            "a": .null, "b": .bool(true), "c": .number(Decimal(string: "1.5")!), "d": .string("x"),
            "e": .array([.number(1), .string("y")]), "f": .object(["g": .bool(false)]),
        ]))
    }

    @Test func numbersKeepTheirExactDigits() throws {
        let text = #"[0.1,9223372036854775807,-9223372036854775808,12345678901234567890.123456789]"#
        let value = try json(text)
        #expect(value.arrayValue?[0] == .number(Decimal(string: "0.1")!))
        #expect(value.arrayValue?[1] == .number(Decimal(Int64.max)))
        #expect(String(decoding: try value.encoded(), as: UTF8.self) == text)
    }

    @Test func numbersOutsideDecimalRangeAreRejectedNotMangled() {
        #expect(throws: (any Error).self) { try json("[1e200]") }
    }

    @Test func equalityIsJSONEquality() throws {
        #expect(try json("1.0") == json("1"))
        #expect(try json(#"{"a":1,"b":2}"#) == json(#"{"b":2,"a":1}"#))
        #expect(try json("[1,2]") != json("[2,1]"))
        #expect(try json("1.0").hashValue == json("1").hashValue)
    }

    @Test func literalsBuildValues() {
        let value: JSONValue = ["name": "x", "count": 2, "tags": ["a"], "gone": nil, "ok": true]
        #expect(value["count"] == .number(2))
        #expect(value["gone"] == .null)
        #expect(value["tags"]?.arrayValue == ["a"])
    }

    @Test func encodingAndDecodingTypedValues() throws {
        let money = Money(minorUnits: 1234, currency: .EUR)
        let value = try JSONValue(encoding: money)
        #expect(value == ["amount": "12.34", "currency": "EUR"])
        #expect(try value.decode(Money.self) == money)
    }
}
