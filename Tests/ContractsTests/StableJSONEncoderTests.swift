import Contracts
import Foundation
import Testing

/// `StableJSON.encode` writes exactly the bytes `JSONEncoder` with Wholesail's settings writes (stored fingerprints
/// and outbox rows depend on it), for contract events, generated documents and the odd corners of `Codable`.
@Suite("StableJSON encoder")
struct StableJSONEncoderTests {
    static func foundation(_ value: some Encodable) throws -> String {
        String(decoding: try StableJSON.makeEncoder().encode(value), as: UTF8.self)
    }

    static func stable(_ value: some Encodable) throws -> String {
        String(decoding: try StableJSON.encode(value), as: UTF8.self)
    }

    static func envelope<Payload: EventPayload>(_ payload: Payload) throws -> EventEnvelope<Payload> {
        try EventEnvelope(
            payload: payload, correlationID: "ord-0193f1a2", id: EventID(parsing: "0193f1a2-7c1e-7a10-9b2c-4d5e6f708192"),
            occurredAt: OrderEventSchemaTests.now
        )
    }

    @Test func everyContractSampleEncodesToJSONEncodersBytes() throws {
        let samples: [any Encodable] = [
            try Self.envelope(PricingEventSchemaTests.orderReceived), try Self.envelope(PricingEventSchemaTests.minimalOrderReceived),
            try Self.envelope(PricingEventSchemaTests.orderPriced), try Self.envelope(PricingEventSchemaTests.orderPricingRejected),
            try Self.envelope(PricingEventSchemaTests.priceVersionPublished), try Self.envelope(PricingEventSchemaTests.priceChanged),
            try Self.envelope(PricingEventSchemaTests.priceRemoved),
            try Self.envelope(OrderEventSchemaTests.orderConfirmed), try Self.envelope(OrderEventSchemaTests.minimalOrderConfirmed),
            try Self.envelope(OrderEventSchemaTests.creditApproved), try Self.envelope(OrderEventSchemaTests.creditRejected),
            try Self.envelope(OrderEventSchemaTests.returnAuthorized), try Self.envelope(OrderEventSchemaTests.shipmentDelivered),
            try Self.envelope(OrderEventSchemaTests.invoicePosted), try Self.envelope(OrderEventSchemaTests.refundCompleted),
            try Self.envelope(FinanceEventSchemaTests.payment), try Self.envelope(FinanceEventSchemaTests.settlement),
            try Self.envelope(ShipmentEventSchemaTests.created), try Self.envelope(ShipmentEventSchemaTests.exception),
            try Self.envelope(ShipmentEventSchemaTests.dispatched), try Self.envelope(ChannelEventSchemaTests.accepted),
        ]
        for sample in samples {
            #expect(try Self.stable(sample) == Self.foundation(sample))
        }
    }

    @Test func generatedDocumentsEncodeToJSONEncodersBytes() throws {
        var generator = SeededGenerator(seed: 20_261_128)
        for _ in 0..<300 {
            let document = Self.randomValue(depth: 0, using: &generator)
            #expect(try Self.stable(document) == Self.foundation(document))
        }
    }

    @Test func controlCharactersQuotesAndBackslashesAreEscapedAndNothingElse() throws {
        let text = "a/b\"c\\d\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}\u{2028}é😀"
        #expect(try Self.stable([text]) == Self.foundation([text]))
        #expect(try Self.stable([text]) == #"["a/b\"c\\d\u0000\u0001\b\t\n\f\r\u001f"# + "\u{7F}\u{2028}é😀\"]")
    }

    @Test func keysAreOrderedByTheirUTF8Bytes() throws {
        let keys = ["a10", "a2", "B", "a", "_x", "é", "Z", "~", "e\u{301}b", "éa", "1", "10", "9", "ä", "a-b", "a_b", "日本"]
        let value = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        #expect(try Self.stable(value) == Self.foundation(value))
    }

    struct DuplicateKey: Encodable {
        enum Key: CodingKey { case a, b }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(1, forKey: .a)
            try container.encode("x", forKey: .b)
            try container.encode(2, forKey: .a)
        }
    }

    @Test func aKeyEncodedTwiceKeepsItsLastValue() throws {
        #expect(try Self.stable(DuplicateKey()) == #"{"a":2,"b":"x"}"#)
        #expect(try Self.stable(DuplicateKey()) == Self.foundation(DuplicateKey()))
    }

    struct Interleaved: Encodable {
        enum Key: CodingKey { case outer, inner, list, late, base, tail }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            var inner = container.nestedContainer(keyedBy: Key.self, forKey: .inner)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try container.encode("o", forKey: .outer)
            try inner.encode(true, forKey: .late)
            try list.encode(Int8(-3))
            var nested = list.nestedContainer(keyedBy: Key.self)
            try list.encodeNil()
            try nested.encode(UInt64.max, forKey: .tail)
            let base = container.superEncoder()
            var single = base.singleValueContainer()
            try single.encode(Int64.min)
            _ = container.superEncoder(forKey: .base)
            // A second request for the keyed container adds to the same object, as an envelope's header and payload do.
            var again = encoder.container(keyedBy: Key.self)
            try again.encode(Optional<String>.none, forKey: .tail)
        }
    }

    @Test func containersFilledOutOfOrderEncodeLikeJSONEncoder() throws {
        #expect(try Self.stable(Interleaved()) == Self.foundation(Interleaved()))
    }

    struct Special: Encodable {
        var data = Data([1, 2, 3, 255])
        var url = URL(string: "https://example.com/a b?q=1&r=/x")!
        var decimal = Decimal(string: "-12.340")!
        var large = Decimal(string: "1e30")!
        var nothing: Int? = nil
        var empty = EmptyValue()
        var dates = [StableJSON.date(unixMilliseconds: -1), StableJSON.date(unixMilliseconds: 1_795_788_062_123)]
        var optionalDate: Date? = StableJSON.date(unixMilliseconds: 0)
        var bytes: [UInt8] = [0, 9, 200]
    }

    struct EmptyValue: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    @Test func dataURLDecimalDatesAndEmptyValuesEncodeLikeJSONEncoder() throws {
        #expect(try Self.stable(Special()) == Self.foundation(Special()))
    }

    struct Measured: Encodable {
        var weight: Double
        var ratio: Float
    }

    @Test func floatingPointValuesAreLeftToJSONEncoder() throws {
        let value = Measured(weight: 1e21, ratio: 0.1)
        #expect(try Self.stable(value) == Self.foundation(value))
        #expect(try Self.stable(value) == #"{"ratio":0.1,"weight":1e+21}"#)
    }

    @Test func aTopLevelValueThatEncodesNothingFailsAsWithJSONEncoder() {
        #expect(throws: EncodingError.self) { try StableJSON.encode(EmptyValue()) }
    }

    struct Dated: Encodable {
        var entries: [[String: Date]]
    }

    @Test func aDateOutOfRangeFailsNamingItsPath() throws {
        let value = Dated(entries: [[:], ["due": Date(timeIntervalSince1970: 4e11)]])
        do {
            _ = try StableJSON.encode(value)
            Issue.record("a date in the year 14,645 was encoded")
        } catch let EncodingError.invalidValue(_, context) {
            #expect(context.codingPath.map(\.stringValue) == ["entries", "Index 1", "due"])
        }
    }

    @Test func topLevelFragmentsEncodeLikeJSONEncoder() throws {
        #expect(try Self.stable("a/\"b") == Self.foundation("a/\"b"))
        #expect(try Self.stable(-42) == Self.foundation(-42))
        #expect(try Self.stable(Optional<Int>.none) == Self.foundation(Optional<Int>.none))
    }

    // MARK: Generated documents

    static let keyAlphabet = Array("abcXYZ_-09/é\"\\\u{1}日😀 ")
    static let textAlphabet = Array("ab/\"\\\u{0}\u{8}\u{1F}\u{7F}é日😀 \n\t\r")

    static func randomText(_ alphabet: [Character], maximumLength: Int, using generator: inout SeededGenerator) -> String {
        String((0..<Int.random(in: 0...maximumLength, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func randomValue(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
        let kind = Int.random(in: 0..<(depth < 4 ? 7 : 5), using: &generator)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2:
            let mantissa = Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator)
            return .number(Decimal(sign: mantissa < 0 ? .minus : .plus, exponent: Int.random(in: -6...6, using: &generator),
                                   significand: Decimal(mantissa.magnitude)))
        case 3, 4: return .string(randomText(textAlphabet, maximumLength: 12, using: &generator))
        case 5:
            return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...20, using: &generator) {
                members[randomText(keyAlphabet, maximumLength: 5, using: &generator)] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(members)
        }
    }
}
