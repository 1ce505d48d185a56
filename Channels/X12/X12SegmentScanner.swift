/// Finds the delimiters in the ISA header and splits the bytes into segments with them.
///
/// Tolerates what real files contain: a UTF-8 byte order mark, whitespace before the ISA, CR/LF after
/// terminators, indentation before segments, and a newline used as the terminator itself.
struct X12SegmentScanner {
    /// A segment's elements as text, before positions are assigned.
    struct RawSegment {
        var id: String
        var elements: [String]
    }

    let delimiters: X12Delimiters
    let bytes: [UInt8]
    /// Index of the `I` of `ISA`.
    let start: Int

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    static func isLineBreak(_ byte: UInt8) -> Bool {
        byte == 0x0D || byte == 0x0A
    }

    /// Reads the delimiters from the ISA: the fixed-width positions (3, 104, 105) when the header is the standard
    /// 106 characters, else by counting the 16 element separators of the ISA.
    init(bytes: [UInt8]) throws(X12EnvelopeFailure) {
        var start = 0
        if bytes.starts(with: Self.byteOrderMark) { start = 3 }
        while start < bytes.count, Self.isWhitespace(bytes[start]) { start += 1 }
        guard start < bytes.count else { throw .empty }
        guard bytes.count - start >= 3, bytes[start] == UInt8(ascii: "I"), bytes[start + 1] == UInt8(ascii: "S"),
              bytes[start + 2] == UInt8(ascii: "A")
        else {
            let found = String(decoding: bytes[start..<min(bytes.count, start + 12)], as: UTF8.self)
            throw .missingInterchangeHeader(found: found)
        }
        guard bytes.count - start > 3 else { throw .truncatedInterchangeHeader(byteCount: bytes.count - start) }
        let element = bytes[start + 3]

        // Index of the separator before ISA16.
        var lastSeparator: Int?
        if bytes.count - start >= 106, bytes[start + 103] == element,
           bytes[start..<(start + 104)].count(where: { $0 == element }) == 16 {
            lastSeparator = start + 103
        } else {
            var seen = 0
            var index = start + 3
            while index < bytes.count {
                if bytes[index] == element {
                    seen += 1
                    if seen == 16 { lastSeparator = index; break }
                }
                index += 1
            }
        }
        guard let separatorIndex = lastSeparator, separatorIndex + 2 < bytes.count else {
            throw .truncatedInterchangeHeader(byteCount: bytes.count - start)
        }
        let component = bytes[separatorIndex + 1]
        let terminator = bytes[separatorIndex + 2]

        // ISA11 and ISA12 decide whether a repetition separator exists.
        let header = bytes[start..<separatorIndex].split(separator: element, omittingEmptySubsequences: false)
        let version = header.count > 12 ? String(decoding: header[12], as: UTF8.self) : ""
        var repetition: Unicode.Scalar?
        if header.count > 11, header[11].count == 1, version.count == 5, version >= "00402",
           let byte = header[11].first {
            repetition = Unicode.Scalar(byte)
        }

        let next = separatorIndex + 3 < bytes.count ? bytes[separatorIndex + 3] : nil
        let afterNext = separatorIndex + 4 < bytes.count ? bytes[separatorIndex + 4] : nil
        let suffix: String = switch (terminator, next, afterNext) {
        case (0x0A, _, _): ""
        case (0x0D, 0x0A, _): "\n"
        case (0x0D, _, _): ""
        case (_, 0x0D, 0x0A): "\r\n"
        case (_, 0x0A, _): "\n"
        case (_, 0x0D, _): "\r"
        default: ""
        }

        var delimiters = X12Delimiters(
            elementSeparator: Unicode.Scalar(element), componentSeparator: Unicode.Scalar(component),
            repetitionSeparator: repetition, segmentTerminator: Unicode.Scalar(terminator), terminatorSuffix: suffix)
        if let repetition, delimiters.separators.count(where: { $0 == repetition }) > 1 || !Self.isUsable(repetition) {
            delimiters.repetitionSeparator = nil
        }
        if let problem = delimiters.problem { throw .inconsistentDelimiters(problem) }
        self.delimiters = delimiters
        self.bytes = bytes
        self.start = start
    }

    private static func isUsable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && scalar != " " && !scalar.properties.isAlphabetic && !("0"..."9").contains(scalar)
    }

    /// The segments in order, the ISA first; empty segments (blank lines) are skipped.
    func segments() -> [RawSegment] {
        let element = UInt8(delimiters.elementSeparator.value)
        let terminator = UInt8(delimiters.segmentTerminator.value)
        var result: [RawSegment] = []
        var segmentStart = start
        var index = start
        func emit(_ end: Int) {
            var lower = segmentStart
            var upper = end
            while lower < upper, Self.isWhitespace(bytes[lower]) { lower += 1 }
            while upper > lower, Self.isLineBreak(bytes[upper - 1]) { upper -= 1 }
            guard lower < upper else { return }
            let parts = bytes[lower..<upper].split(separator: element, omittingEmptySubsequences: false)
            let texts = parts.map { String(decoding: $0, as: UTF8.self) }
            result.append(RawSegment(id: texts[0], elements: Array(texts.dropFirst())))
        }
        while index < bytes.count {
            if bytes[index] == terminator {
                emit(index)
                segmentStart = index + 1
            }
            index += 1
        }
        emit(bytes.count)
        return result
    }
}
