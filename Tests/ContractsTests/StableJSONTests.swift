import Contracts
import Foundation
import Testing

@Suite("StableJSON")
struct StableJSONTests {
    struct Stamped: Codable, Equatable {
        var occurredAt: Date
    }

    struct Nested: Codable {
        struct Item: Codable { var at: Date }
        var items: [Item]
    }

    struct Unordered: Encodable {
        var zebra = 1
        var apple = "a/b"
        var mango = ["z": 1, "a": 2, "m": 3]
    }

    static let reference = StableJSON.date(unixMilliseconds: referenceMilliseconds)

    @Test func datesAreEncodedAsUTCWithMilliseconds() throws {
        let data = try StableJSON.encode(Stamped(occurredAt: Self.reference))
        #expect(String(decoding: data, as: UTF8.self) == #"{"occurredAt":"2026-11-27T14:01:02.123Z"}"#)
    }

    @Test func keysAreSortedAndSlashesAreNotEscaped() throws {
        let text = String(decoding: try StableJSON.encode(Unordered()), as: UTF8.self)
        #expect(text == #"{"apple":"a/b","mango":{"a":2,"m":3,"z":1},"zebra":1}"#)
    }

    @Test func encodingTheSameValueTwiceGivesIdenticalBytes() throws {
        let value = Dictionary(uniqueKeysWithValues: (0..<200).map { ("key-\($0)", $0) })
        let first = try StableJSON.encode(value)
        let second = try StableJSON.makeEncoder().encode(value)
        #expect(first == second)
    }

    @Test func encodingRoundsToTheNearestMillisecondAcrossASecond() throws {
        let date = Date(timeIntervalSince1970: 1_795_788_062.9996)
        #expect(try StableJSON.string(from: date) == "2026-11-27T14:01:03.000Z")
    }

    @Test func datesBefore1970AreFormattedCorrectly() throws {
        #expect(try StableJSON.string(from: StableJSON.date(unixMilliseconds: -1)) == "1969-12-31T23:59:59.999Z")
        #expect(try StableJSON.date(from: "1969-12-31T23:59:59.999Z") == StableJSON.date(unixMilliseconds: -1))
    }

    @Test func encodingADateOutsideFourDigitYearsFails() {
        #expect(throws: EncodingError.self) { try StableJSON.encode(Stamped(occurredAt: Date(timeIntervalSince1970: 4e11))) }
    }

    @Test(arguments: [
        ("2026-11-27T14:01:02.123Z", referenceMilliseconds),
        ("2026-11-27T14:01:02Z", referenceMilliseconds - 123),
        ("2026-11-27T14:01:02.1Z", referenceMilliseconds - 23),
        ("2026-11-27T14:01:02.123000000Z", referenceMilliseconds),
        ("2026-11-27T15:01:02.123+01:00", referenceMilliseconds),
        ("2026-11-27T08:31:02.123-05:30", referenceMilliseconds),
        ("2026-11-27T15:01:02.123+0100", referenceMilliseconds),
        ("2026-11-27t14:01:02.123z", referenceMilliseconds),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
    ])
    func decodingAcceptsISO8601Variants(text: String, milliseconds: Int64) throws {
        let decoded = try StableJSON.decode(Stamped.self, from: #"{"occurredAt":"\#(text)"}"#.utf8Data)
        #expect(decoded.occurredAt == StableJSON.date(unixMilliseconds: milliseconds))
    }

    @Test func decodingKeepsSubMillisecondDigits() throws {
        let date = try StableJSON.date(from: "2026-11-27T14:01:02.123456Z")
        #expect(abs(date.timeIntervalSince1970 - 1_795_788_062.123456) < 0.000_001)
    }

    @Test(arguments: [
        "2026-11-27T14:01:02.123",  // no offset
        "2026-11-27",  // date only
        "2026-11-27 14:01:02Z",  // space separator
        "2026-02-29T00:00:00Z",  // not a leap year
        "2026-13-01T00:00:00Z",
        "2026-11-27T24:00:00Z",
        "2026-11-27T23:59:60Z",  // leap second
        "2026-11-27T14:01:02.Z",
        "2026-11-27T14:01:02Z junk",
        "2026-11-27T14:01:02+25:00",
        "yesterday",
    ])
    func decodingRejectsInvalidTimestampsNamingThePath(text: String) {
        let body = #"{"items":[{"at":"\#(text)"}]}"#.utf8Data
        let error = #expect(throws: DecodingError.self) { try StableJSON.decode(Nested.self, from: body) }
        #expect(error.flatMap { codingPath(of: $0) } == ["items", "Index 0", "at"])
        #expect(error.map { debugDescription(of: $0) }?.contains(text) == true)
    }

    @Test func aDateRoundedToMillisecondsRoundTripsExactly() throws {
        let original = StableJSON.roundedToMilliseconds(Date())
        let decoded = try StableJSON.decode(Stamped.self, from: StableJSON.encode(Stamped(occurredAt: original)))
        #expect(decoded.occurredAt == original)
    }
}

@Suite("StableJSON edge dates")
struct StableJSONEdgeDateTests {
    @Test func aNonFiniteDateFailsToEncodeInsteadOfTrappingOrBecoming1970() {
        let date = Date(timeIntervalSince1970: .nan)
        #expect(StableJSON.roundedToMilliseconds(date).timeIntervalSince1970.isNaN)
        #expect(throws: ISO8601Timestamp.FormatError.self) { try StableJSON.string(from: date) }
    }
}
