import Testing
@testable import ServiceKit

/// ``SHA256``: the FIPS 180-4 / NIST example vectors, every padding boundary around one and two blocks, and the
/// convenience entry points. Expected digests for the boundary inputs were computed with coreutils `sha256sum`.
@Suite("SHA-256")
struct SHA256Tests {
    /// `count` bytes of a fixed non-repeating-looking pattern: byte i is (7i + 3) mod 256 — the same bytes as
    /// `perl -e 'print pack("C*", map { ($_ * 7 + 3) % 256 } 0..(count-1))' | sha256sum`.
    private func patternBytes(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(($0 * 7 + 3) % 256) }
    }

    // MARK: - NIST vectors

    @Test func emptyInputMatchesTheNISTVector() {
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abcMatchesTheNISTVector() {
        #expect(SHA256.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func the448BitMessageMatchesTheNISTVector() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hexDigest(message) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func the896BitTwoBlockMessageMatchesTheNISTVector() {
        let message =
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(SHA256.hexDigest(message) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func oneMillionLetterAMatchesTheNISTVector() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    // MARK: - Padding boundaries

    /// 55 bytes is the longest message whose 0x80 marker and 64-bit length still fit in one block.
    @Test func fiftyFiveBytesFitInOneBlock() {
        #expect(SHA256.hexDigest(patternBytes(count: 55)) == "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b")
    }

    /// 56 bytes leaves no room for the length, so padding spills into a second block.
    @Test func fiftySixBytesSpillPaddingIntoASecondBlock() {
        #expect(SHA256.hexDigest(patternBytes(count: 56)) == "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27")
    }

    @Test func sixtyThreeBytesLeaveOnlyTheMarkerInTheFirstBlock() {
        #expect(SHA256.hexDigest(patternBytes(count: 63)) == "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055")
    }

    @Test func sixtyFourBytesPutAllPaddingInTheSecondBlock() {
        #expect(SHA256.hexDigest(patternBytes(count: 64)) == "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241")
    }

    @Test func sixtyFiveBytesStartTheSecondBlockWithMessage() {
        #expect(SHA256.hexDigest(patternBytes(count: 65)) == "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e")
    }

    @Test func twoBlockBoundariesPadLikeTheOneBlockOnes() {
        #expect(SHA256.hexDigest(patternBytes(count: 119)) == "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e")
        #expect(SHA256.hexDigest(patternBytes(count: 120)) == "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5")
        #expect(SHA256.hexDigest(patternBytes(count: 128)) == "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6")
    }

    // MARK: - Entry points

    @Test func hashReturnsTheThirtyTwoDigestBytesInOrder() {
        let expected: [UInt8] = [
            0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde,
            0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
            0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
        ]
        #expect(SHA256.hash("abc") == expected)
        #expect(SHA256.hash("abc").count == SHA256.digestByteCount)
    }

    @Test func stringsAreHashedAsUTF8() {
        // printf 'München' | sha256sum  (ü is the two bytes C3 BC)
        #expect(SHA256.hexDigest("München") == "c075b9c24a3d0f0cdad3e99683ed2514981e4ff40c6c0056de53e5e56e052227")
        #expect(SHA256.hash("München") == SHA256.hash(Array("München".utf8)))
    }

    @Test func sliceWithNonZeroStartIndexHashesOnlyItsBytes() {
        let framed = Array("xxabcyy".utf8)
        let slice = framed[2..<5]
        #expect(SHA256.hexDigest(slice) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hexDigestIsSixtyFourLowerCaseHexCharacters() {
        let digest = SHA256.hexDigest(patternBytes(count: 64))
        #expect(digest.count == 64)
        #expect(digest.allSatisfy { "0123456789abcdef".contains($0) })
    }
}
