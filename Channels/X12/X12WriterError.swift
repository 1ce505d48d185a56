/// Why ``X12Writer`` refused to write: it never writes an interchange the receiver would read differently.
public enum X12WriterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The delimiters cannot be told apart from data or from each other.
    case unusableDelimiters(String)
    /// An element value contains a separator (or a line break), which would split it; remove or replace it.
    case valueContainsDelimiter(segmentID: String, elementPosition: Int, value: String)
    /// A segment id is not 2 or 3 uppercase letters and digits.
    case invalidSegmentID(String)
    /// An ISA/GS field does not fit its fixed size or allowed values.
    case invalidEnvelopeField(name: String, value: String, rule: String)
    /// A control number is outside its range.
    case invalidControlNumber(name: String, value: String)
    /// Version 00402 and later need a repetition separator in ISA11.
    case missingRepetitionSeparator(version: String)
    /// No GS01 was given and none is known for this transaction set.
    case unknownFunctionalIdentifier(transactionSet: String)

    public var description: String {
        switch self {
        case .unusableDelimiters(let detail):
            "The delimiters cannot be used: \(detail)"
        case .valueContainsDelimiter(let segmentID, let position, let value):
            "\(segmentID)\(position < 10 ? "0" : "")\(position) value \"\(value)\" contains a separator or line break "
                + "of this interchange; remove it or choose other delimiters for this partner"
        case .invalidSegmentID(let id):
            "\"\(id)\" is not a segment id (2 or 3 uppercase letters or digits)"
        case .invalidEnvelopeField(let name, let value, let rule):
            "\(name) \"\(value)\" is invalid: \(rule)"
        case .invalidControlNumber(let name, let value):
            "\(name) \(value) is outside its range (ISA13/GS06 1...999999999, ST02 4 to 9 characters)"
        case .missingRepetitionSeparator(let version):
            "Version \(version) writes the repetition separator in ISA11; set X12Delimiters.repetitionSeparator"
        case .unknownFunctionalIdentifier(let set):
            "No functional identifier (GS01) is known for transaction set \(set); set X12EnvelopeHeader.functionalIdentifier"
        }
    }
}
