/// Writes a ``StableJSONNode`` tree as compact JSON bytes, object keys in UTF-8 byte order (as `JSONEncoder`'s
/// `.sortedKeys` orders them) and slashes unescaped.
struct StableJSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ node: StableJSONNode) {
        switch node {
        case .null:
            bytes.append(contentsOf: "null".utf8)
        case .bool(let value):
            bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
        case .integer(let value):
            if value < 0 {
                bytes.append(UInt8(ascii: "-"))
                writeDigits(value.magnitude)
            } else {
                writeDigits(UInt64(value))
            }
        case .unsignedInteger(let value):
            writeDigits(value)
        case .number(let text):
            bytes.append(contentsOf: text.utf8)
        case .string(let text):
            writeString(text)
        case .object(let object):
            writeObject(object.members)
        case .array(let array):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in array.elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .deferred(let encoder):
            write(encoder.value ?? .object(StableJSONObject()))
        }
    }

    private mutating func writeObject(_ members: [(key: String, value: StableJSONNode)]) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for index in Self.sortedDistinctMembers(members) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            writeString(members[index].key)
            bytes.append(UInt8(ascii: ":"))
            write(members[index].value)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Indices of the members to write, in key order; of members with equal keys only the last one encoded
    /// (`JSONEncoder` keeps a dictionary per object, so a later value replaces an earlier one).
    static func sortedDistinctMembers(_ members: [(key: String, value: StableJSONNode)]) -> [Int] {
        if members.count < 2 { return Array(members.indices) }
        var order = Array(members.indices)
        order.sort { left, right in
            let leftKey = members[left].key.utf8, rightKey = members[right].key.utf8
            if leftKey.elementsEqual(rightKey) { return left < right }
            return leftKey.lexicographicallyPrecedes(rightKey)
        }
        // Keys equal as Swift strings (canonically equivalent) collide in JSONEncoder's dictionary too.
        var distinct: [Int] = []
        distinct.reserveCapacity(order.count)
        if members.count <= 16 {
            for index in order where !members[(index + 1)...].contains(where: { $0.key == members[index].key }) {
                distinct.append(index)
            }
        } else {
            var lastIndexByKey: [String: Int] = [:]
            for index in members.indices { lastIndexByKey[members[index].key] = index }
            for index in order where lastIndexByKey[members[index].key] == index {
                distinct.append(index)
            }
        }
        return distinct
    }

    private mutating func writeDigits(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for UInt64.max's 20 digits, written backwards
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while remaining > 0 {
                count += 1
                buffer[buffer.count - count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            }
            bytes.append(contentsOf: buffer[(buffer.count - count)...])
        }
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
                case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
                case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
                case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
                case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
                case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: #"\u00"#.utf8)
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
