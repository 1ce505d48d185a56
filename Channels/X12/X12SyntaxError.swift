/// One problem found while reading an interchange: which segment, where, the X12 code a 997 (or TA1) reports for
/// it, and a sentence saying what is wrong.
///
/// Errors are collected, not thrown, so one broken transaction set does not hide the valid ones next to it.
public struct X12SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The X12 code of the error, by the level it is reported at.
    public enum Code: Sendable, Hashable {
        /// Interchange envelope (ISA/IEA) problems, TA105 note codes: reject every group of the interchange.
        case interchange(InterchangeCode)
        /// Functional group problems, AK905 codes: reject the group.
        case group(GroupCode)
        /// Transaction set problems, AK502 codes: reject the set.
        case transactionSet(TransactionSetCode)
        /// Segment problems, AK304 codes (reported in AK3): reject the set.
        case segment(SegmentCode)
        /// Element problems, AK403 codes (reported in AK4 under an AK3 with code 8): reject the set.
        case element(ElementCode)

        /// The code value as written in the acknowledgment, e.g. `"4"` or `"001"`.
        public var value: String {
            switch self {
            case .interchange(let code): code.rawValue
            case .group(let code): code.rawValue
            case .transactionSet(let code): code.rawValue
            case .segment(let code): code.rawValue
            case .element(let code): code.rawValue
            }
        }
    }

    /// TA105 interchange note codes used here.
    public enum InterchangeCode: String, Sendable, Hashable, CaseIterable {
        case controlNumberMismatch = "001"
        case invalidGroupCount = "021"
        case prematureEndOfFile = "023"
        case invalidContent = "024"

        /// The code's meaning as the standard words it.
        public var meaning: String {
            switch self {
            case .controlNumberMismatch: "The Interchange Control Number in the Header and Trailer Do Not Match"
            case .invalidGroupCount: "Invalid Number of Included Groups Value"
            case .prematureEndOfFile: "Improper (Premature) End-of-File (Transmission)"
            case .invalidContent: "Invalid Interchange Content"
            }
        }
    }

    /// AK905 functional group syntax error codes.
    public enum GroupCode: String, Sendable, Hashable, CaseIterable {
        case notSupported = "1"
        case versionNotSupported = "2"
        case trailerMissing = "3"
        case controlNumberMismatch = "4"
        case transactionSetCountMismatch = "5"
        case controlNumberInvalid = "6"

        /// The code's meaning as the standard words it.
        public var meaning: String {
            switch self {
            case .notSupported: "Functional Group Not Supported"
            case .versionNotSupported: "Functional Group Version Not Supported"
            case .trailerMissing: "Functional Group Trailer Missing"
            case .controlNumberMismatch: "Group Control Number in the Functional Group Header and Trailer Do Not Agree"
            case .transactionSetCountMismatch: "Number of Included Transaction Sets Does Not Match Actual Count"
            case .controlNumberInvalid: "Group Control Number Violates Syntax"
            }
        }
    }

    /// AK502 transaction set syntax error codes.
    public enum TransactionSetCode: String, Sendable, Hashable, CaseIterable {
        case notSupported = "1"
        case trailerMissing = "2"
        case controlNumberMismatch = "3"
        case segmentCountMismatch = "4"
        case segmentsInError = "5"
        case identifierInvalid = "6"
        case controlNumberInvalid = "7"
        case controlNumberNotUnique = "23"

        /// The code's meaning as the standard words it.
        public var meaning: String {
            switch self {
            case .notSupported: "Transaction Set Not Supported"
            case .trailerMissing: "Transaction Set Trailer Missing"
            case .controlNumberMismatch: "Transaction Set Control Number in Header and Trailer Do Not Match"
            case .segmentCountMismatch: "Number of Included Segments Does Not Match Actual Count"
            case .segmentsInError: "One or More Segments in Error"
            case .identifierInvalid: "Missing or Invalid Transaction Set Identifier"
            case .controlNumberInvalid: "Missing or Invalid Transaction Set Control Number"
            case .controlNumberNotUnique: "Transaction Set Control Number Not Unique within the Functional Group"
            }
        }
    }

    /// AK304 segment syntax error codes.
    public enum SegmentCode: String, Sendable, Hashable, CaseIterable {
        case unrecognizedSegment = "1"
        case unexpectedSegment = "2"
        case mandatorySegmentMissing = "3"
        case loopOverMaximum = "4"
        case segmentOverMaximumUse = "5"
        case segmentNotInSet = "6"
        case segmentOutOfSequence = "7"
        case segmentHasElementErrors = "8"

        /// The code's meaning as the standard words it.
        public var meaning: String {
            switch self {
            case .unrecognizedSegment: "Unrecognized segment ID"
            case .unexpectedSegment: "Unexpected segment"
            case .mandatorySegmentMissing: "Mandatory segment missing"
            case .loopOverMaximum: "Loop Occurs Over Maximum Times"
            case .segmentOverMaximumUse: "Segment Exceeds Maximum Use"
            case .segmentNotInSet: "Segment Not in Defined Transaction Set"
            case .segmentOutOfSequence: "Segment Not in Proper Sequence"
            case .segmentHasElementErrors: "Segment Has Data Element Errors"
            }
        }
    }

    /// AK403 data element syntax error codes.
    public enum ElementCode: String, Sendable, Hashable, CaseIterable {
        case mandatoryElementMissing = "1"
        case conditionalElementMissing = "2"
        case tooManyElements = "3"
        case tooShort = "4"
        case tooLong = "5"
        case invalidCharacter = "6"
        case invalidCodeValue = "7"
        case invalidDate = "8"
        case invalidTime = "9"
        case exclusionConditionViolated = "10"

        /// The code's meaning as the standard words it.
        public var meaning: String {
            switch self {
            case .mandatoryElementMissing: "Mandatory data element missing"
            case .conditionalElementMissing: "Conditional required data element missing"
            case .tooManyElements: "Too many data elements"
            case .tooShort: "Data element too short"
            case .tooLong: "Data element too long"
            case .invalidCharacter: "Invalid character in data element"
            case .invalidCodeValue: "Invalid code value"
            case .invalidDate: "Invalid Date"
            case .invalidTime: "Invalid Time"
            case .exclusionConditionViolated: "Exclusion Condition Violated"
            }
        }
    }

    /// The X12 code reported for this error.
    public var code: Code
    /// The segment the error is about, e.g. `SE`, `GE`, `CTT`.
    public var segmentID: String
    /// Position of that segment: within the transaction set (ST = 1) for set, segment and element errors; within
    /// the interchange (ISA = 1) for group and interchange errors; `nil` when the segment is missing.
    public var position: Int?
    /// The element position (1-based) for element errors.
    public var elementPosition: Int?
    /// What is wrong, in English, with the values involved.
    public var message: String

    /// Creates an error.
    public init(code: Code, segmentID: String, position: Int?, elementPosition: Int? = nil, message: String) {
        self.code = code
        self.segmentID = segmentID
        self.position = position
        self.elementPosition = elementPosition
        self.message = message
    }

    public var description: String {
        let place = position.map { " at position \($0)" } ?? ""
        let element = elementPosition.map { " element \($0)" } ?? ""
        return "\(segmentID)\(place)\(element) (code \(code.value)): \(message)"
    }
}
