/// Incremental HTTP/1.1 response parser for the load generator: status line, headers, then a body framed by
/// `Content-Length`, `Transfer-Encoding: chunked`, or the end of the connection.
///
/// It only learns what the generator needs — the status code and whether the server will close the
/// connection — and skips body bytes without copying them. Hummingbird answers with either framing
/// depending on the response body, so both must be right for the connection to stay usable.
struct HTTPLoadResponseParser {
    /// A response read to its end.
    struct Response: Equatable {
        var status: Int
        /// The server said it closes the connection (or uses HTTP/1.0 without keep-alive, or ends the body by closing).
        var closesConnection: Bool
    }

    /// Why the bytes are not an HTTP/1.1 response.
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
    }

    /// Largest head (status line plus headers) accepted; anything bigger is not a response to a benchmark request.
    static let maximumHeadSize = 64 * 1024

    private var state = State.head
    private var status = 0
    private var closesConnection = false

    init() {}

    /// Consumes as much of `bytes` as belongs to the current response.
    /// - Returns: how many bytes were used, and the response when its last byte was among them (bytes after it
    ///   are left for the next call).
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) throws(Malformed) -> (used: Int, response: Response?) {
        var offset = 0
        while true {
            let available = bytes.count - offset
            switch state {
            case .head:
                guard let end = Self.find(crlfcrlf: bytes, from: offset) else {
                    if available > Self.maximumHeadSize {
                        throw Malformed(description: "response head longer than \(Self.maximumHeadSize) bytes")
                    }
                    return (offset, nil)
                }
                let head = UnsafeBufferPointer(rebasing: bytes[offset..<end])
                offset = end + 4
                if let response = try parseHead(head) {
                    return (offset, response)
                }
            case .fixedBody(let remaining):
                let taken = min(remaining, available)
                offset += taken
                if taken == remaining {
                    return (offset, finish())
                }
                state = .fixedBody(remaining: remaining - taken)
                return (offset, nil)
            case .chunkSize:
                guard let lineEnd = Self.find(crlf: bytes, from: offset) else {
                    if available > 1024 { throw Malformed(description: "chunk-size line longer than 1024 bytes") }
                    return (offset, nil)
                }
                let size = try Self.chunkSize(UnsafeBufferPointer(rebasing: bytes[offset..<lineEnd]))
                offset = lineEnd + 2
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let taken = min(remaining, available)
                offset += taken
                guard taken == remaining else {
                    state = .chunkData(remaining: remaining - taken)
                    return (offset, nil)
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard available >= 2 else { return (offset, nil) }
                guard bytes[offset] == 13, bytes[offset + 1] == 10 else {
                    throw Malformed(description: "chunk data not followed by CRLF")
                }
                offset += 2
                state = .chunkSize
            case .trailers:
                guard let lineEnd = Self.find(crlf: bytes, from: offset) else {
                    if available > Self.maximumHeadSize { throw Malformed(description: "trailer section too long") }
                    return (offset, nil)
                }
                let isEmptyLine = lineEnd == offset
                offset = lineEnd + 2
                if isEmptyLine {
                    return (offset, finish())
                }
            case .untilClose:
                return (bytes.count, nil)
            }
        }
    }

    /// The connection reached its end: completes a body that is delimited by the close, fails anything else.
    mutating func finishAtEndOfStream() throws(Malformed) -> Response? {
        switch state {
        case .head:
            return nil
        case .untilClose:
            return finish()
        default:
            state = .head
            throw Malformed(description: "connection closed in the middle of a response body")
        }
    }

    /// Forgets a half-read response (after a connection failed).
    mutating func reset() {
        state = .head
        status = 0
        closesConnection = false
    }

    private mutating func finish() -> Response {
        state = .head
        return Response(status: status, closesConnection: closesConnection)
    }

    /// Reads the status line and the framing headers; returns the response at once when it has no body.
    private mutating func parseHead(_ head: UnsafeBufferPointer<UInt8>) throws(Malformed) -> Response? {
        let statusLineEnd = Self.find(crlf: head, from: 0) ?? head.count
        // "HTTP/1.x SSS" at least.
        guard statusLineEnd >= 12,
              Self.equalsExactly(UnsafeBufferPointer(rebasing: head[0..<7]), "HTTP/1."),
              head[8] == UInt8(ascii: " ")
        else {
            throw Malformed(description: "status line does not start with HTTP/1.x: \(Self.text(head[0..<min(statusLineEnd, 40)]))")
        }
        let isHTTP10 = head[7] == UInt8(ascii: "0")
        var code = 0
        for byte in head[9..<12] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw Malformed(description: "status code is not three digits: \(Self.text(head[0..<statusLineEnd]))")
            }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard (100..<600).contains(code) else {
            throw Malformed(description: "status code \(code) out of range")
        }

        var contentLength: Int?
        var chunked = false
        var connectionClose = isHTTP10
        var lineStart = statusLineEnd + 2
        while lineStart < head.count {
            let lineEnd = Self.find(crlf: head, from: lineStart) ?? head.count
            let line = UnsafeBufferPointer(rebasing: head[lineStart..<lineEnd])
            lineStart = lineEnd + 2
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw Malformed(description: "header line without a colon: \(Self.text(line[...]))")
            }
            let name = UnsafeBufferPointer(rebasing: line[0..<colon])
            let value = Self.trimmed(UnsafeBufferPointer(rebasing: line[(colon + 1)...]))
            if Self.equalsLowercase(name, "content-length") {
                guard let length = Self.decimal(value) else {
                    throw Malformed(description: "Content-Length is not a number: \(Self.text(value[...]))")
                }
                contentLength = length
            } else if Self.equalsLowercase(name, "transfer-encoding") {
                chunked = Self.containsLowercase(value, "chunked")
            } else if Self.equalsLowercase(name, "connection") {
                if Self.containsLowercase(value, "close") { connectionClose = true }
                if Self.containsLowercase(value, "keep-alive") { connectionClose = false }
            }
        }

        if code < 200 {
            // Informational (100 Continue, 103 Early Hints): the real response follows.
            return nil
        }
        status = code
        closesConnection = connectionClose
        if code == 204 || code == 304 {
            return finish()
        }
        if chunked {
            state = .chunkSize
        } else if let contentLength {
            if contentLength == 0 { return finish() }
            state = .fixedBody(remaining: contentLength)
        } else {
            closesConnection = true
            state = .untilClose
        }
        return nil
    }

    // MARK: Byte helpers

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func find(crlf bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 13, bytes[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }

    private static func find(crlfcrlf bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + 3 < bytes.count {
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
        while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private static func equalsExactly(_ bytes: UnsafeBufferPointer<UInt8>, _ expected: StaticString) -> Bool {
        bytes.count == expected.utf8CodeUnitCount
            && bytes.elementsEqual(UnsafeBufferPointer(start: expected.utf8Start, count: expected.utf8CodeUnitCount))
    }

    private static func equalsLowercase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
        for index in 0..<bytes.count where lowercased(bytes[index]) != expected[index] {
            return false
        }
        return true
    }

    private static func containsLowercase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
        let length = lowercase.utf8CodeUnitCount
        guard bytes.count >= length else { return false }
        for start in 0...(bytes.count - length)
            where equalsLowercase(UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]), lowercase) {
            return true
        }
        return false
    }

    private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// The hexadecimal size at the start of a chunk-size line (extensions after `;` are ignored).
    private static func chunkSize(_ line: UnsafeBufferPointer<UInt8>) throws(Malformed) -> Int {
        var value = 0
        var digits = 0
        for byte in line {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: ";"), UInt8(ascii: " "), 9:
                guard digits > 0 else { throw Malformed(description: "chunk-size line without a size") }
                return value
            default:
                throw Malformed(description: "chunk size is not hexadecimal: \(text(line[...]))")
            }
            digits += 1
            guard digits <= 15 else { throw Malformed(description: "chunk size too large") }
            value = value * 16 + digit
        }
        guard digits > 0 else { throw Malformed(description: "chunk-size line without a size") }
        return value
    }

    private static func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
