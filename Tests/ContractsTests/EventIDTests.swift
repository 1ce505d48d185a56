import Contracts
import Foundation
import Testing

@Suite("EventID (UUIDv7)")
struct EventIDTests {
    @Test func everyIDHasVersion7AndTheRFC9562Variant() {
        for _ in 0..<1000 {
            let bytes = EventID().uuid.uuid
            #expect(bytes.6 >> 4 == 7)
            #expect(bytes.8 & 0xC0 == 0x80)
        }
    }

    @Test func creationTimeIsReadBackFromTheID() {
        let before = UInt64(Date().timeIntervalSince1970 * 1000) - 1
        let id = EventID()
        let after = UInt64(Date().timeIntervalSince1970 * 1000) + 1
        #expect((before...after).contains(id.unixMilliseconds))
        #expect(abs(id.createdAt.timeIntervalSince1970 - Double(id.unixMilliseconds) / 1000) < 0.000_001)
    }

    @Test func explicitTimestampFillsMillisecondsAndSubMillisecondFields() {
        var generator = SeededGenerator(seed: 1)
        let nanoseconds = UInt64(referenceMilliseconds) * 1_000_000 + 456_789
        let id = EventID(unixNanoseconds: nanoseconds, using: &generator)
        #expect(id.unixMilliseconds == UInt64(referenceMilliseconds))
        #expect(id.subMillisecondFraction == 1871)  // 456_789 ns * 4096 / 1_000_000
        #expect(id.description.hasPrefix("01a21d4f-3dab-7"))  // 0x01a21d4f3dab ms, then version 7
        #expect(id.createdAt == StableJSON.date(unixMilliseconds: referenceMilliseconds))
    }

    @Test func idsOneTickApartAreStrictlyOrderedWhateverTheirRandomBits() {
        var generator = SeededGenerator(seed: 42)
        let start = UInt64(referenceMilliseconds) * 1_000_000
        // 245 ns is just over one 1/4096 ms tick (244.14 ns).
        let ids = (0..<5000).map { step in EventID(unixNanoseconds: start + UInt64(step) * 245, using: &generator) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test func idsMadeInSequenceAreTimeOrdered() {
        let ids = (0..<10_000).map { _ in EventID() }
        func timestamp(_ id: EventID) -> UInt64 { id.unixMilliseconds << 12 | UInt64(id.subMillisecondFraction) }
        for (earlier, later) in zip(ids, ids.dropFirst()) {
            #expect(timestamp(earlier) <= timestamp(later))
            if timestamp(earlier) < timestamp(later) {
                #expect(earlier < later)
            }
        }
    }

    @Test func manyIDsAreUnique() {
        let ids = Set((0..<100_000).map { _ in EventID() })
        #expect(ids.count == 100_000)
    }

    @Test func textFormRoundTripsAndIsLowercase() throws {
        let id = EventID()
        #expect(id.description == id.description.lowercased())
        #expect(try EventID(parsing: id.description) == id)
        #expect(try EventID(parsing: id.description.uppercased()) == id)
        #expect(EventID(id.description) == id)
    }

    @Test func parsingRejectsOtherVersionsVariantsAndGarbage() {
        #expect(throws: EventIDError.notVersion7("3f2b1c4e-9a7d-4e2b-8c1a-0123456789ab", foundVersion: 4)) {
            try EventID(parsing: "3f2b1c4e-9a7d-4e2b-8c1a-0123456789ab")
        }
        #expect(throws: EventIDError.wrongVariant("0193a5c2-7d3e-7abc-cdef-0123456789ab")) {
            try EventID(parsing: "0193a5c2-7d3e-7abc-cdef-0123456789ab")
        }
        #expect(throws: EventIDError.malformed("0193a5c27d3e7abc8def0123456789ab")) {
            try EventID(parsing: "0193a5c27d3e7abc8def0123456789ab")
        }
        #expect(EventID("") == nil)
    }

    @Test func codableUsesTheTextFormAndRejectsNonV7() throws {
        let id = EventID()
        let data = try StableJSON.encode([id])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(id.description)\"]")
        #expect(try StableJSON.decode([EventID].self, from: data) == [id])
        #expect(throws: DecodingError.self) {
            try StableJSON.decode([EventID].self, from: "[\"3f2b1c4e-9a7d-4e2b-8c1a-0123456789ab\"]".utf8Data)
        }
    }
}
