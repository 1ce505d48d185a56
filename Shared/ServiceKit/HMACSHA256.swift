/// HMAC-SHA256 (RFC 2104 over FIPS 180-4), for signing outgoing webhooks so receivers can check the sender and
/// that the body was not changed.
public enum HMACSHA256 {
    private static let blockByteCount = 64

    /// The 32-byte authentication code of `message` under `key`.
    public static func authenticationCode(for message: some Collection<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        var keyBlock = key.count > blockByteCount ? SHA256.hash(key) : Array(key)
        keyBlock.append(contentsOf: repeatElement(0, count: blockByteCount - keyBlock.count))
        var inner = keyBlock.map { $0 ^ 0x36 }
        inner.append(contentsOf: message)
        var outer = keyBlock.map { $0 ^ 0x5C }
        outer.append(contentsOf: SHA256.hash(inner))
        return SHA256.hash(outer)
    }

    /// The code as 64 lower-case hexadecimal characters.
    public static func hexAuthenticationCode(for message: some Collection<UInt8>, key: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in authenticationCode(for: message, key: key) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Compares two codes in time independent of where they differ, so a receiver's check leaks nothing.
    public static func constantTimeEquals(_ left: some Collection<UInt8>, _ right: some Collection<UInt8>) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(left, right) { difference |= a ^ b }
        return difference == 0
    }
}
