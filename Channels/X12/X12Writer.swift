import Foundation

/// Writes segments and whole interchanges with one set of delimiters: fixed-width ISA, GS, each ST..SE with the
/// counted SE01, GE and IEA, so what it writes reads back through ``X12Reader`` without errors.
///
/// Values that contain a separator are refused (``X12WriterError/valueContainsDelimiter(segmentID:elementPosition:value:)``)
/// rather than written, since the receiver would split them.
public struct X12Writer: Sendable {
    /// The delimiters written (a partner's configuration).
    public let delimiters: X12Delimiters

    /// Creates a writer; the delimiters are checked when writing.
    public init(delimiters: X12Delimiters = .common) {
        self.delimiters = delimiters
    }

    /// One segment with its terminator and line break, trailing empty elements dropped.
    public func write(_ segment: X12Segment) throws(X12WriterError) -> String {
        if let problem = delimiters.problem { throw .unusableDelimiters(problem) }
        return try text(of: segment)
    }

    /// Several segments, each terminated.
    public func write(_ segments: [X12Segment]) throws(X12WriterError) -> String {
        if let problem = delimiters.problem { throw .unusableDelimiters(problem) }
        var output = ""
        for segment in segments { output += try text(of: segment) }
        return output
    }

    /// A complete interchange holding one functional group with `transactionSets` in order.
    public func interchange(header: X12EnvelopeHeader, transactionSets: [X12OutgoingTransactionSet])
        throws(X12WriterError) -> String {
        if let problem = delimiters.problem { throw .unusableDelimiters(problem) }
        let isa = try interchangeHeader(header)
        let derived = transactionSets.first.flatMap {
            X12FunctionalGroup.functionalIdentifier(forTransactionSet: $0.identifier)
        }
        guard let functionalIdentifier = header.functionalIdentifier ?? derived else {
            throw .unknownFunctionalIdentifier(transactionSet: transactionSets.first?.identifier ?? "(none)")
        }
        guard (1...999_999_999).contains(header.groupControlNumber) else {
            throw .invalidControlNumber(name: "GS06", value: String(header.groupControlNumber))
        }
        let groupControl = String(header.groupControlNumber)
        var output = try text(of: isa)
        output += try text(of: X12Segment(
            "GS", functionalIdentifier, header.applicationSender, header.applicationReceiver,
            X12Date.string(from: header.date), X12Date.timeString(from: header.date), groupControl, "X", header.version))
        for set in transactionSets {
            guard (4...9).contains(set.controlNumber.count) else {
                throw .invalidControlNumber(name: "ST02", value: set.controlNumber)
            }
            output += try text(of: X12Segment("ST", set.identifier, set.controlNumber))
            for segment in set.body { output += try text(of: segment) }
            output += try text(of: X12Segment("SE", String(set.body.count + 2), set.controlNumber))
        }
        output += try text(of: X12Segment("GE", String(transactionSets.count), groupControl))
        output += try text(of: X12Segment("IEA", "1", isa[13]))
        return output
    }

    /// The interchange as bytes (UTF-8).
    public func interchangeBytes(header: X12EnvelopeHeader, transactionSets: [X12OutgoingTransactionSet])
        throws(X12WriterError) -> [UInt8] {
        Array(try interchange(header: header, transactionSets: transactionSets).utf8)
    }

    /// The ISA segment with every field at its fixed width.
    func interchangeHeader(_ header: X12EnvelopeHeader) throws(X12WriterError) -> X12Segment {
        func padded(_ name: String, _ value: String, _ width: Int) throws(X12WriterError) -> String {
            guard value.count <= width else {
                throw .invalidEnvelopeField(name: name, value: value, rule: "at most \(width) characters")
            }
            return value + String(repeating: " ", count: width - value.count)
        }
        func exact(_ name: String, _ value: String, _ width: Int) throws(X12WriterError) -> String {
            guard value.count == width else {
                throw .invalidEnvelopeField(name: name, value: value, rule: "exactly \(width) characters")
            }
            return value
        }
        guard (1...999_999_999).contains(header.interchangeControlNumber) else {
            throw .invalidControlNumber(name: "ISA13", value: String(header.interchangeControlNumber))
        }
        guard header.usage == "P" || header.usage == "T" else {
            throw .invalidEnvelopeField(name: "ISA15", value: header.usage, rule: "P (production) or T (test)")
        }
        let version = try exact("ISA12", header.interchangeVersion, 5)
        let standards: String
        if version >= "00402" {
            guard let repetition = delimiters.repetitionSeparator else { throw .missingRepetitionSeparator(version: version) }
            standards = String(Character(repetition))
        } else {
            standards = "U"
        }
        let control = String(header.interchangeControlNumber)
        return X12Segment(
            "ISA", "00", String(repeating: " ", count: 10), "00", String(repeating: " ", count: 10),
            try exact("ISA05", header.senderQualifier, 2), try padded("ISA06", header.senderID, 15),
            try exact("ISA07", header.receiverQualifier, 2), try padded("ISA08", header.receiverID, 15),
            X12Date.shortString(from: header.date), X12Date.timeString(from: header.date), standards, version,
            String(repeating: "0", count: 9 - control.count) + control, header.acknowledgmentRequested ? "1" : "0",
            header.usage, String(Character(delimiters.componentSeparator)))
    }

    private func text(of segment: X12Segment) throws(X12WriterError) -> String {
        guard (2...3).contains(segment.id.count),
              segment.id.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
        else { throw .invalidSegmentID(segment.id) }
        var elements = segment.elements
        if segment.id != "ISA" {
            while elements.last?.isEmpty == true { elements.removeLast() }
        }
        let forbidden = Set(delimiters.separators + ["\r", "\n"])
        for (index, value) in elements.enumerated() {
            let isComponentSeparatorField = segment.id == "ISA" && index == 15
            let isRepetitionField = segment.id == "ISA" && index == 10
            if isComponentSeparatorField || isRepetitionField { continue }
            if value.unicodeScalars.contains(where: forbidden.contains) {
                throw .valueContainsDelimiter(segmentID: segment.id, elementPosition: index + 1, value: value)
            }
        }
        let separator = String(Character(delimiters.elementSeparator))
        return ([segment.id] + elements).joined(separator: separator)
            + String(Character(delimiters.segmentTerminator)) + delimiters.terminatorSuffix
    }

}
