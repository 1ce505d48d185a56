/// SHA-256 (FIPS 180-4) in plain Swift.
///
/// Channel API keys are stored only as SHA-256 hashes and outgoing webhooks are signed with HMAC-SHA256
/// (``HMACSHA256``); hand-rolling the hash keeps the dependency set lean (no swift-crypto for two functions). It is a one-shot hash over bytes already in memory, which is all key
/// checking needs. It is not constant-time with respect to the input length, which is fine for hashing a
/// presented key before a lookup by hash.
public struct SHA256: Sendable {
    /// Length of a digest in bytes.
    public static let digestByteCount = 32

    private static let blockByteCount = 64

    /// Initial hash value H(0): the first 32 bits of the fractional parts of the square roots of the first 8 primes.
    private static let initialHashValue: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    /// Round constants K: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private init() {}

    /// The 32-byte SHA-256 digest of `bytes`.
    public static func hash<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        let message = padded(bytes)
        var hashValue = initialHashValue
        var schedule = [UInt32](repeating: 0, count: 64)
        var blockStart = 0
        while blockStart < message.count {
            compress(message, blockStart: blockStart, schedule: &schedule, into: &hashValue)
            blockStart += blockByteCount
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(digestByteCount)
        for word in hashValue {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// The SHA-256 digest of the UTF-8 encoding of `string`.
    public static func hash(_ string: String) -> [UInt8] {
        hash(string.utf8)
    }

    /// The SHA-256 digest of `bytes` as 64 lower-case hexadecimal characters (the form `sha256sum` prints).
    public static func hexDigest(_ bytes: some Collection<UInt8>) -> String {
        hexadecimal(hash(bytes))
    }

    /// The SHA-256 digest of the UTF-8 encoding of `string` as 64 lower-case hexadecimal characters.
    public static func hexDigest(_ string: String) -> String {
        hexDigest(string.utf8)
    }

    // MARK: - Internals

    /// The message followed by the 0x80 marker, zero bytes up to 56 mod 64, and the bit length as a big-endian UInt64.
    private static func padded(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var message: [UInt8] = []
        message.reserveCapacity(bytes.count + blockByteCount + 8)
        message.append(contentsOf: bytes)
        let bitLength = UInt64(truncatingIfNeeded: message.count) &* 8
        message.append(0x80)
        while message.count % blockByteCount != blockByteCount - 8 {
            message.append(0)
        }
        for shift in stride(from: 56, through: 0, by: -8) {
            message.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        return message
    }

    private static func compress(
        _ message: [UInt8],
        blockStart: Int,
        schedule: inout [UInt32],
        into hashValue: inout [UInt32]
    ) {
        for index in 0..<16 {
            let byteIndex = blockStart + index * 4
            schedule[index] =
                UInt32(message[byteIndex]) << 24
                | UInt32(message[byteIndex + 1]) << 16
                | UInt32(message[byteIndex + 2]) << 8
                | UInt32(message[byteIndex + 3])
        }
        for index in 16..<64 {
            let fifteenBack = schedule[index - 15]
            let twoBack = schedule[index - 2]
            let smallSigma0 = rotateRight(fifteenBack, by: 7) ^ rotateRight(fifteenBack, by: 18) ^ (fifteenBack >> 3)
            let smallSigma1 = rotateRight(twoBack, by: 17) ^ rotateRight(twoBack, by: 19) ^ (twoBack >> 10)
            schedule[index] = smallSigma1 &+ schedule[index - 7] &+ smallSigma0 &+ schedule[index - 16]
        }

        var a = hashValue[0]
        var b = hashValue[1]
        var c = hashValue[2]
        var d = hashValue[3]
        var e = hashValue[4]
        var f = hashValue[5]
        var g = hashValue[6]
        var h = hashValue[7]
        for index in 0..<64 {
            let bigSigma1 = rotateRight(e, by: 6) ^ rotateRight(e, by: 11) ^ rotateRight(e, by: 25)
            let choose = (e & f) ^ (~e & g)
            let temporary1 = h &+ bigSigma1 &+ choose &+ roundConstants[index] &+ schedule[index]
            let bigSigma0 = rotateRight(a, by: 2) ^ rotateRight(a, by: 13) ^ rotateRight(a, by: 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let temporary2 = bigSigma0 &+ majority
            h = g
            g = f
            f = e
            e = d &+ temporary1
            d = c
            c = b
            b = a
            a = temporary1 &+ temporary2
        }
        hashValue[0] &+= a
        hashValue[1] &+= b
        hashValue[2] &+= c
        hashValue[3] &+= d
        hashValue[4] &+= e
        hashValue[5] &+= f
        hashValue[6] &+= g
        hashValue[7] &+= h
    }

    private static func rotateRight(_ value: UInt32, by count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }

    private static func hexadecimal(_ bytes: [UInt8]) -> String {
        var characters: [UInt8] = []
        characters.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            characters.append(hexDigits[Int(byte >> 4)])
            characters.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
