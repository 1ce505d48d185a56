/// A 997 functional acknowledgment for one functional group: what the trading partner receives to learn which of
/// its transaction sets were accepted, and which segments and elements were wrong in the others.
///
/// Built from a group as read (``init(group:interchangeErrors:additionalErrors:)``), or read from a partner's 997
/// (``init(_:)``); ``segments()`` gives the body between ST and SE for ``X12Writer``.
public struct FunctionalAcknowledgment: Sendable, Hashable {
    /// AK3 (with its AK4s): one segment in error.
    public struct SegmentNote: Sendable, Hashable {
        /// AK301, the segment id.
        public var segmentID: String
        /// AK302, the segment's position in the set (ST = 1); `nil` when the segment is missing.
        public var position: Int?
        /// AK303, the loop identifier (not produced here).
        public var loopIdentifier: String
        /// AK304, the segment syntax error code; `nil` when only element notes follow.
        public var code: String?
        /// The AK4 element notes under this AK3.
        public var elementNotes: [ElementNote]

        /// Creates a segment note.
        public init(segmentID: String, position: Int?, loopIdentifier: String = "", code: String?,
                    elementNotes: [ElementNote] = []) {
            self.segmentID = segmentID
            self.position = position
            self.loopIdentifier = loopIdentifier
            self.code = code
            self.elementNotes = elementNotes
        }
    }

    /// AK4: one element in error.
    public struct ElementNote: Sendable, Hashable {
        /// AK401, the element position in its segment.
        public var position: Int
        /// AK402, the data element reference number (not produced here).
        public var referenceNumber: String
        /// AK403, the element syntax error code.
        public var code: String

        /// Creates an element note.
        public init(position: Int, referenceNumber: String = "", code: String) {
            self.position = position
            self.referenceNumber = referenceNumber
            self.code = code
        }
    }

    /// AK2..AK5: the response for one transaction set.
    public struct TransactionSetResponse: Sendable, Hashable {
        /// AK201, e.g. `850`.
        public var identifier: String
        /// AK202, the set's ST02.
        public var controlNumber: String
        /// The AK3 notes.
        public var segmentNotes: [SegmentNote]
        /// AK501.
        public var status: X12AcceptanceStatus
        /// AK502..AK506: set-level error codes.
        public var errorCodes: [String]

        /// Creates a set response.
        public init(identifier: String, controlNumber: String, segmentNotes: [SegmentNote] = [],
                    status: X12AcceptanceStatus, errorCodes: [String] = []) {
            self.identifier = identifier
            self.controlNumber = controlNumber
            self.segmentNotes = segmentNotes
            self.status = status
            self.errorCodes = errorCodes
        }
    }

    /// AK101, the acknowledged group's GS01.
    public var functionalIdentifier: String
    /// AK102, the acknowledged group's GS06.
    public var groupControlNumber: String
    /// AK103, the acknowledged group's GS08 (empty when a partner's 997 omits it).
    public var version: String
    /// One response per received transaction set.
    public var transactionSets: [TransactionSetResponse]
    /// AK901.
    public var groupStatus: X12AcceptanceStatus
    /// AK902: number of sets the group said it holds (GE01, or the count received when GE01 is unusable).
    public var includedCount: Int
    /// AK903: number of sets received.
    public var receivedCount: Int
    /// AK904: number of sets accepted.
    public var acceptedCount: Int
    /// AK905..AK909: group-level error codes.
    public var groupErrorCodes: [String]

    /// Creates an acknowledgment from its parts.
    public init(
        functionalIdentifier: String, groupControlNumber: String, version: String,
        transactionSets: [TransactionSetResponse], groupStatus: X12AcceptanceStatus, includedCount: Int,
        receivedCount: Int, acceptedCount: Int, groupErrorCodes: [String] = []
    ) {
        self.functionalIdentifier = functionalIdentifier
        self.groupControlNumber = groupControlNumber
        self.version = version
        self.transactionSets = transactionSets
        self.groupStatus = groupStatus
        self.includedCount = includedCount
        self.receivedCount = receivedCount
        self.acceptedCount = acceptedCount
        self.groupErrorCodes = groupErrorCodes
    }

    /// Acknowledges one received group.
    ///
    /// - Parameters:
    ///   - group: the group as ``X12Reader`` read it, with its own errors.
    ///   - interchangeErrors: the interchange's envelope errors (ISA/IEA); any of them rejects the group (AK9 `R`).
    ///   - additionalErrors: problems the caller found later, keyed by transaction set control number (ST02), e.g.
    ///     ``X12DocumentError/syntaxError`` of an 850 whose CTT does not add up; they reject that set.
    public init(
        group: X12FunctionalGroup, interchangeErrors: [X12SyntaxError] = [],
        additionalErrors: [String: [X12SyntaxError]] = [:]
    ) {
        var responses: [TransactionSetResponse] = []
        for set in group.transactionSets {
            let errors = set.errors + (additionalErrors[set.controlNumber] ?? [])
            responses.append(Self.response(identifier: set.identifier, controlNumber: set.controlNumber, errors: errors))
        }
        let accepted = responses.count { $0.status == .accepted }
        let groupCodes = group.errors.compactMap { error -> String? in
            if case .group(let code) = error.code { return code.rawValue }
            return nil
        }
        let status: X12AcceptanceStatus
        if !interchangeErrors.isEmpty || !group.errors.isEmpty {
            status = .rejected
        } else if accepted == responses.count {
            status = .accepted
        } else {
            status = accepted == 0 ? .rejected : .partiallyAccepted
        }
        self.init(
            functionalIdentifier: group.functionalIdentifier, groupControlNumber: group.controlNumber,
            version: group.version, transactionSets: responses, groupStatus: status,
            includedCount: group.declaredTransactionSetCount ?? group.transactionSets.count,
            receivedCount: group.transactionSets.count, acceptedCount: accepted,
            groupErrorCodes: Array(Self.unique(groupCodes).prefix(5)))
    }

    /// One acknowledgment per group of an interchange, in order.
    public static func acknowledgments(
        for interchange: X12Interchange, additionalErrors: [String: [X12SyntaxError]] = [:]
    ) -> [FunctionalAcknowledgment] {
        interchange.groups.map {
            FunctionalAcknowledgment(group: $0, interchangeErrors: interchange.errors, additionalErrors: additionalErrors)
        }
    }

    private static func response(identifier: String, controlNumber: String, errors: [X12SyntaxError])
        -> TransactionSetResponse {
        var notes: [SegmentNote] = []
        var setCodes: [String] = []
        for error in errors {
            switch error.code {
            case .transactionSet(let code):
                setCodes.append(code.rawValue)
            case .segment(let code):
                notes.append(SegmentNote(segmentID: error.segmentID, position: error.position, code: code.rawValue))
            case .element(let code):
                let note = ElementNote(position: error.elementPosition ?? 0, code: code.rawValue)
                if let index = notes.firstIndex(where: {
                    $0.segmentID == error.segmentID && $0.position == error.position
                }) {
                    notes[index].elementNotes.append(note)
                    if notes[index].code == nil { notes[index].code = SegmentCodeValue.elementErrors }
                } else {
                    notes.append(SegmentNote(
                        segmentID: error.segmentID, position: error.position, code: SegmentCodeValue.elementErrors,
                        elementNotes: [note]))
                }
            case .group, .interchange:
                setCodes.append(X12SyntaxError.TransactionSetCode.segmentsInError.rawValue)
            }
        }
        if !notes.isEmpty { setCodes.append(X12SyntaxError.TransactionSetCode.segmentsInError.rawValue) }
        let codes = Array(unique(setCodes).prefix(5))
        return TransactionSetResponse(
            identifier: identifier, controlNumber: controlNumber, segmentNotes: notes,
            status: errors.isEmpty ? .accepted : .rejected, errorCodes: codes)
    }

    private enum SegmentCodeValue {
        static let elementErrors = X12SyntaxError.SegmentCode.segmentHasElementErrors.rawValue
    }

    private static func unique(_ codes: [String]) -> [String] {
        var seen = Set<String>()
        return codes.filter { seen.insert($0).inserted }
    }

    /// The 997 body between ST and SE: AK1, per set AK2 / AK3 / AK4 / AK5, then AK9.
    public func segments() -> [X12Segment] {
        var result = [X12Segment(id: "AK1", elements: [functionalIdentifier, groupControlNumber, version])]
        for set in transactionSets {
            result.append(X12Segment("AK2", set.identifier, set.controlNumber))
            for note in set.segmentNotes {
                result.append(X12Segment(
                    id: "AK3",
                    elements: [note.segmentID, note.position.map(String.init) ?? "", note.loopIdentifier,
                               note.code ?? ""]))
                for element in note.elementNotes {
                    result.append(X12Segment("AK4", String(element.position), element.referenceNumber, element.code))
                }
            }
            result.append(X12Segment(id: "AK5", elements: [set.status.rawValue] + set.errorCodes))
        }
        result.append(X12Segment(
            id: "AK9",
            elements: [groupStatus.rawValue, String(includedCount), String(receivedCount), String(acceptedCount)]
                + groupErrorCodes))
        return result
    }

    /// The 997 as a transaction set to hand to ``X12Writer`` (GS01 `FA`).
    public func outgoing(controlNumber: String) -> X12OutgoingTransactionSet {
        X12OutgoingTransactionSet(identifier: "997", controlNumber: controlNumber, body: segments())
    }

    /// Reads a 997 (a partner's answer to our 855/856/810, or our own read back).
    public init(_ set: X12TransactionSet) throws(X12DocumentError) {
        guard set.identifier == "997" else { throw .wrongTransactionSet(expected: "997", found: set.identifier) }
        let body = set.body
        guard let ak1 = body.first(where: { $0.id == "AK1" }) else { throw .missingSegment("AK1", in: "997") }
        guard let ak9 = body.last(where: { $0.id == "AK9" }) else { throw .missingSegment("AK9", in: "997") }
        var responses: [TransactionSetResponse] = []
        for segment in body {
            switch segment.id {
            case "AK2":
                responses.append(TransactionSetResponse(
                    identifier: segment[1], controlNumber: segment[2], status: .accepted))
            case "AK3":
                guard !responses.isEmpty else { throw .unexpectedSegment(segment, reason: "AK3 before any AK2") }
                responses[responses.count - 1].segmentNotes.append(SegmentNote(
                    segmentID: segment[1], position: Int(segment[2]), loopIdentifier: segment[3],
                    code: segment[4].isEmpty ? nil : segment[4]))
            case "AK4":
                guard let last = responses.indices.last, !responses[last].segmentNotes.isEmpty else {
                    throw .unexpectedSegment(segment, reason: "AK4 before any AK3")
                }
                let position = try X12DocumentError.integer(segment, 1, required: true) ?? 0
                let noteIndex = responses[last].segmentNotes.count - 1
                responses[last].segmentNotes[noteIndex].elementNotes.append(
                    ElementNote(position: position, referenceNumber: segment[2], code: segment[3]))
            case "AK5":
                guard !responses.isEmpty else { throw .unexpectedSegment(segment, reason: "AK5 before any AK2") }
                let status = try X12DocumentError.code(segment, 1, as: X12AcceptanceStatus.self)
                responses[responses.count - 1].status = status
                responses[responses.count - 1].errorCodes = Array(segment.elements.dropFirst()).filter { !$0.isEmpty }
            default:
                break
            }
        }
        self.init(
            functionalIdentifier: ak1[1], groupControlNumber: ak1[2], version: ak1[3], transactionSets: responses,
            groupStatus: try X12DocumentError.code(ak9, 1, as: X12AcceptanceStatus.self),
            includedCount: try X12DocumentError.integer(ak9, 2, required: true) ?? 0,
            receivedCount: try X12DocumentError.integer(ak9, 3, required: true) ?? 0,
            acceptedCount: try X12DocumentError.integer(ak9, 4, required: true) ?? 0,
            groupErrorCodes: Array(ak9.elements.dropFirst(4)).filter { !$0.isEmpty })
    }
}
