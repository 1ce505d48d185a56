/// Reads an X12 interchange: delimiters from the ISA, then groups and transaction sets, checking every envelope
/// (control numbers, counts, missing trailers) and collecting the problems per level instead of stopping at the
/// first, so the valid transaction sets of a partly broken interchange can still be accepted.
public enum X12Reader {
    /// Reads an interchange from its raw bytes. Never traps: unreadable input gives `.envelopeFailure`.
    public static func read(_ bytes: [UInt8]) -> X12ReadResult {
        let scanner: X12SegmentScanner
        do {
            scanner = try X12SegmentScanner(bytes: bytes)
        } catch {
            return .envelopeFailure(error)
        }
        var builder = Builder(delimiters: scanner.delimiters)
        for raw in scanner.segments() {
            builder.add(raw)
        }
        return .interchange(builder.finish())
    }

    /// Reads an interchange from text (its UTF-8 bytes).
    public static func read(_ text: String) -> X12ReadResult {
        read(Array(text.utf8))
    }

    /// The state of the walk through the segments.
    private struct Builder {
        let delimiters: X12Delimiters
        var interchangePosition = 0
        var header: X12Segment?
        var groups: [X12FunctionalGroup] = []
        var interchangeErrors: [X12SyntaxError] = []
        var group: X12FunctionalGroup?
        var groupPosition = 0
        var setSegments: [X12Segment]?
        var setErrors: [X12SyntaxError] = []
        var ended = false
        var reportedOutside = false

        init(delimiters: X12Delimiters) {
            self.delimiters = delimiters
        }

        mutating func add(_ raw: X12SegmentScanner.RawSegment) {
            interchangePosition += 1
            var segment = X12Segment(
                id: raw.id, elements: raw.elements, position: interchangePosition,
                componentSeparator: delimiters.componentSeparator, repetitionSeparator: delimiters.repetitionSeparator)
            if header == nil {
                header = segment
                return
            }
            if ended {
                outside(segment, "follows the IEA trailer")
                return
            }
            switch segment.id {
            case "ISA":
                outside(segment, "is a second ISA header inside the interchange (IEA missing before it)")
            case "GS":
                closeSet(trailerMissingBefore: segment)
                closeGroup(trailerMissingBefore: segment)
                group = X12FunctionalGroup(
                    functionalIdentifier: segment[1], applicationSender: segment[2], applicationReceiver: segment[3],
                    date: segment[4], time: segment[5], controlNumber: segment[6], responsibleAgency: segment[7],
                    version: segment[8])
                groupPosition = interchangePosition
                reportedOutside = false
                if Int(segment[6]) == nil {
                    group?.errors.append(X12SyntaxError(
                        code: .group(.controlNumberInvalid), segmentID: "GS", position: interchangePosition,
                        elementPosition: 6, message: "GS06 group control number \"\(segment[6])\" is not a number"))
                }
            case "GE":
                closeSet(trailerMissingBefore: segment)
                guard group != nil else {
                    outside(segment, "is a GE trailer without a GS header")
                    return
                }
                closeGroup(trailer: segment)
            case "IEA":
                closeSet(trailerMissingBefore: segment)
                closeGroup(trailerMissingBefore: segment)
                checkInterchangeTrailer(segment)
                ended = true
            case "ST":
                closeSet(trailerMissingBefore: segment)
                guard group != nil else {
                    outside(segment, "is a transaction set outside a functional group (GS missing)")
                    return
                }
                segment.position = 1
                setSegments = [segment]
                setErrors = []
                reportedOutside = false
            default:
                guard setSegments != nil else {
                    outside(segment, "is outside a transaction set (ST missing)")
                    return
                }
                segment.position = (setSegments?.count ?? 0) + 1
                setSegments?.append(segment)
                if segment.id == "SE" { closeSet(trailer: segment) }
            }
        }

        /// A segment outside any envelope: reported once per run of such segments.
        mutating func outside(_ segment: X12Segment, _ reason: String) {
            guard !reportedOutside else { return }
            reportedOutside = true
            interchangeErrors.append(X12SyntaxError(
                code: .interchange(.invalidContent), segmentID: segment.id, position: segment.position,
                message: "Segment \(segment.id) at position \(segment.position) \(reason); it was ignored"))
        }

        /// Closes the open set at its SE, checking SE01 and SE02.
        mutating func closeSet(trailer: X12Segment) {
            guard let segments = setSegments, let st = segments.first else { return }
            var errors = setErrors
            let count = segments.count
            if trailer[1] != String(count) && Int(trailer[1]) != count {
                errors.append(X12SyntaxError(
                    code: .transactionSet(.segmentCountMismatch), segmentID: "SE", position: trailer.position,
                    elementPosition: 1,
                    message: "SE01 says \(trailer[1].isEmpty ? "nothing" : trailer[1]) segments but the set "
                        + "\(st[2]) has \(count) from ST to SE inclusive"))
            }
            if trailer[2] != st[2] {
                errors.append(X12SyntaxError(
                    code: .transactionSet(.controlNumberMismatch), segmentID: "SE", position: trailer.position,
                    elementPosition: 2,
                    message: "SE02 control number \"\(trailer[2])\" does not match ST02 \"\(st[2])\""))
            }
            finishSet(segments: segments, errors: errors)
        }

        /// Closes the open set when a segment that cannot belong to it arrives before its SE.
        mutating func closeSet(trailerMissingBefore next: X12Segment) {
            guard let segments = setSegments, let st = segments.first else { return }
            var errors = setErrors
            errors.append(X12SyntaxError(
                code: .transactionSet(.trailerMissing), segmentID: "SE", position: nil,
                message: "Transaction set \(st[1]) \(st[2]) has no SE trailer before \(next.id)"))
            finishSet(segments: segments, errors: errors)
        }

        mutating func finishSet(segments: [X12Segment], errors: [X12SyntaxError]) {
            guard let st = segments.first else { return }
            var errors = errors
            if st[1].count != 3 || Int(st[1]) == nil {
                errors.insert(X12SyntaxError(
                    code: .transactionSet(.identifierInvalid), segmentID: "ST", position: 1, elementPosition: 1,
                    message: "ST01 \"\(st[1])\" is not a transaction set identifier such as 850"), at: 0)
            }
            if st[2].count < 4 || st[2].count > 9 {
                errors.insert(X12SyntaxError(
                    code: .transactionSet(.controlNumberInvalid), segmentID: "ST", position: 1, elementPosition: 2,
                    message: "ST02 control number \"\(st[2])\" must have 4 to 9 characters"), at: 0)
            } else if group?.transactionSets.contains(where: { $0.controlNumber == st[2] }) == true {
                errors.append(X12SyntaxError(
                    code: .transactionSet(.controlNumberNotUnique), segmentID: "ST", position: 1, elementPosition: 2,
                    message: "ST02 control number \"\(st[2])\" is used twice in group \(group?.controlNumber ?? "")"))
            }
            group?.transactionSets.append(
                X12TransactionSet(identifier: st[1], controlNumber: st[2], segments: segments, errors: errors))
            setSegments = nil
            setErrors = []
        }

        /// Closes the open group at its GE, checking GE01 and GE02.
        mutating func closeGroup(trailer: X12Segment) {
            guard var closing = group else { return }
            closing.declaredTransactionSetCount = Int(trailer[1])
            let count = closing.transactionSets.count
            if Int(trailer[1]) != count {
                closing.errors.append(X12SyntaxError(
                    code: .group(.transactionSetCountMismatch), segmentID: "GE", position: trailer.position,
                    elementPosition: 1,
                    message: "GE01 says \(trailer[1].isEmpty ? "nothing" : trailer[1]) transaction sets but group "
                        + "\(closing.controlNumber) holds \(count)"))
            }
            if trailer[2] != closing.controlNumber && (Int(trailer[2]) == nil || Int(trailer[2]) != Int(closing.controlNumber)) {
                closing.errors.append(X12SyntaxError(
                    code: .group(.controlNumberMismatch), segmentID: "GE", position: trailer.position,
                    elementPosition: 2,
                    message: "GE02 control number \"\(trailer[2])\" does not match GS06 \"\(closing.controlNumber)\""))
            }
            groups.append(closing)
            group = nil
        }

        /// Closes the open group when IEA, another GS, or the end of input arrives before its GE.
        mutating func closeGroup(trailerMissingBefore next: X12Segment?) {
            guard var closing = group else { return }
            closing.errors.append(X12SyntaxError(
                code: .group(.trailerMissing), segmentID: "GE", position: nil,
                message: "Functional group \(closing.controlNumber) has no GE trailer before "
                    + (next.map { $0.id } ?? "the end of the interchange")))
            groups.append(closing)
            group = nil
        }

        mutating func checkInterchangeTrailer(_ trailer: X12Segment) {
            let control = header?[13] ?? ""
            if Int(trailer[1]) != groups.count {
                interchangeErrors.append(X12SyntaxError(
                    code: .interchange(.invalidGroupCount), segmentID: "IEA", position: trailer.position,
                    elementPosition: 1,
                    message: "IEA01 says \(trailer[1].isEmpty ? "nothing" : trailer[1]) functional groups but the "
                        + "interchange holds \(groups.count)"))
            }
            if trailer[2] != control {
                interchangeErrors.append(X12SyntaxError(
                    code: .interchange(.controlNumberMismatch), segmentID: "IEA", position: trailer.position,
                    elementPosition: 2,
                    message: "IEA02 control number \"\(trailer[2])\" does not match ISA13 \"\(control)\""))
            }
        }

        mutating func finish() -> X12Interchange {
            if !ended {
                if let segments = setSegments, let st = segments.first {
                    var errors = setErrors
                    errors.append(X12SyntaxError(
                        code: .transactionSet(.trailerMissing), segmentID: "SE", position: nil,
                        message: "Transaction set \(st[1]) \(st[2]) has no SE trailer before the end of the interchange"))
                    finishSet(segments: segments, errors: errors)
                }
                closeGroup(trailerMissingBefore: nil)
                interchangeErrors.append(X12SyntaxError(
                    code: .interchange(.prematureEndOfFile), segmentID: "IEA", position: nil,
                    message: "The interchange ends without an IEA trailer; it may have been cut off in transmission"))
            }
            let isa = header ?? X12Segment(id: "ISA", elements: [])
            let trimmed: (Int) -> String = { isa[$0].trimmingSpaces }
            return X12Interchange(
                authorizationQualifier: isa[1], authorization: trimmed(2), securityQualifier: isa[3],
                security: trimmed(4), senderQualifier: trimmed(5), senderID: trimmed(6), receiverQualifier: trimmed(7),
                receiverID: trimmed(8), date: isa[9], time: isa[10], standardsIdentifierOrRepetitionSeparator: isa[11],
                version: isa[12], controlNumber: isa[13], acknowledgmentRequested: isa[14] == "1", usage: isa[15],
                delimiters: delimiters, groups: groups, errors: interchangeErrors)
        }
    }
}

extension String {
    /// The text without leading and trailing spaces (ISA fields are padded with spaces).
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
