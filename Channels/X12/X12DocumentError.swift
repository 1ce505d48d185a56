import Foundation

/// Why a transaction set could not be read as its typed document, naming the segment and element at fault so the
/// caller can reject exactly that set in the 997 (``syntaxError``).
public struct X12DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: Sendable, Hashable {
        /// The set is not the document type asked for (ST01).
        case wrongTransactionSet
        /// A segment the document needs is absent.
        case missingSegment
        /// A segment is where it cannot be (e.g. an N3 with no N1 before it).
        case unexpectedSegment
        /// A mandatory element is empty.
        case missingElement
        /// An element has a value of the wrong form (not a number, not a date, unknown code).
        case invalidValue
        /// A control total (CTT, AMT) does not match the document's contents.
        case totalMismatch
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// The segment at fault, e.g. `CTT`.
    public var segmentID: String
    /// The segment's position in the set (ST = 1); `nil` for a missing segment or one built in code.
    public var position: Int?
    /// The element at fault (1-based), when one is.
    public var elementPosition: Int?
    /// What is wrong and with which values.
    public var message: String

    /// Creates an error.
    public init(kind: Kind, segmentID: String, position: Int?, elementPosition: Int? = nil, message: String) {
        self.kind = kind
        self.segmentID = segmentID
        self.position = position
        self.elementPosition = elementPosition
        self.message = message
    }

    public var description: String {
        let place = position.map { " at position \($0)" } ?? ""
        let element = elementPosition.map { String(format: "%02d", $0) } ?? ""
        return "\(segmentID)\(element)\(place): \(message)"
    }

    /// The same problem as a 997 error for ``FunctionalAcknowledgment/init(group:interchangeErrors:additionalErrors:)``:
    /// a missing segment is AK304 `3`; an unexpected one AK304 `2`; a missing element AK403 `1`; a malformed value
    /// AK403 `6` (`8` for dates); a control total that does not add up AK403 `7` (the closest X12 code: the value is
    /// not one the receiver accepts). A wrong document type is AK502 `1`.
    public var syntaxError: X12SyntaxError {
        let code: X12SyntaxError.Code = switch kind {
        case .wrongTransactionSet: .transactionSet(.notSupported)
        case .missingSegment: .segment(.mandatorySegmentMissing)
        case .unexpectedSegment: .segment(.unexpectedSegment)
        case .missingElement: .element(.mandatoryElementMissing)
        case .invalidValue: .element(message.contains("date") ? .invalidDate : .invalidCharacter)
        case .totalMismatch: .element(.invalidCodeValue)
        }
        return X12SyntaxError(
            code: code, segmentID: segmentID, position: position,
            elementPosition: elementPosition ?? (kind == .totalMismatch ? 1 : nil), message: message)
    }

    // MARK: Factories

    static func wrongTransactionSet(expected: String, found: String) -> X12DocumentError {
        X12DocumentError(
            kind: .wrongTransactionSet, segmentID: "ST", position: 1, elementPosition: 1,
            message: "expected a \(expected) transaction set, got \(found)")
    }

    static func missingSegment(_ id: String, in document: String) -> X12DocumentError {
        X12DocumentError(
            kind: .missingSegment, segmentID: id, position: nil,
            message: "the \(document) has no \(id) segment, which it needs")
    }

    static func unexpectedSegment(_ segment: X12Segment, reason: String) -> X12DocumentError {
        X12DocumentError(kind: .unexpectedSegment, segmentID: segment.id, position: segment.position, message: reason)
    }

    static func totalMismatch(_ segment: X12Segment, element: Int, _ message: String) -> X12DocumentError {
        X12DocumentError(
            kind: .totalMismatch, segmentID: segment.id, position: segment.position, elementPosition: element,
            message: message)
    }

    // MARK: Element access that names the failing element

    static func name(_ segment: X12Segment, _ index: Int) -> String {
        "\(segment.id)\(String(format: "%02d", index))"
    }

    /// The element's text, thrown as missing when empty.
    static func required(_ segment: X12Segment, _ index: Int) throws(X12DocumentError) -> String {
        let value = segment[index]
        guard !value.isEmpty else {
            throw X12DocumentError(
                kind: .missingElement, segmentID: segment.id, position: segment.position, elementPosition: index,
                message: "\(name(segment, index)) is required but empty")
        }
        return value
    }

    /// The element's text, or `nil` when empty.
    static func optional(_ segment: X12Segment, _ index: Int) -> String? {
        let value = segment[index]
        return value.isEmpty ? nil : value
    }

    /// The element as an `R` number (explicit decimal point), `nil` when empty and not required.
    static func decimal(_ segment: X12Segment, _ index: Int, required: Bool) throws(X12DocumentError) -> Decimal? {
        let value = segment[index]
        if value.isEmpty {
            if required { _ = try Self.required(segment, index) }
            return nil
        }
        guard let number = X12Number.decimal(value) else {
            throw invalid(segment, index, "\"\(value)\" is not a decimal number")
        }
        return number
    }

    /// The element as an implied-decimal `N` number, `nil` when empty and not required.
    static func implied(_ segment: X12Segment, _ index: Int, precision: ImpliedDecimal.Precision, required: Bool)
        throws(X12DocumentError) -> Decimal? {
        let value = segment[index]
        if value.isEmpty {
            if required { _ = try Self.required(segment, index) }
            return nil
        }
        do {
            return try ImpliedDecimal(parsing: value, precision: precision).value
        } catch {
            throw invalid(segment, index, "\"\(value)\" is not an \(precision) number (digits, implied decimals)")
        }
    }

    /// The element as a whole number, `nil` when empty and not required.
    static func integer(_ segment: X12Segment, _ index: Int, required: Bool) throws(X12DocumentError) -> Int? {
        let value = segment[index]
        if value.isEmpty {
            if required { _ = try Self.required(segment, index) }
            return nil
        }
        guard let number = Int(value) else { throw invalid(segment, index, "\"\(value)\" is not a whole number") }
        return number
    }

    /// The element as one of a code list.
    static func code<Code: RawRepresentable<String>>(_ segment: X12Segment, _ index: Int, as type: Code.Type)
        throws(X12DocumentError) -> Code {
        let value = try required(segment, index)
        guard let code = Code(rawValue: value) else { throw invalid(segment, index, "\"\(value)\" is not a known code") }
        return code
    }

    static func invalid(_ segment: X12Segment, _ index: Int, _ problem: String) -> X12DocumentError {
        X12DocumentError(
            kind: .invalidValue, segmentID: segment.id, position: segment.position, elementPosition: index,
            message: "\(name(segment, index)) \(problem)")
    }
}
