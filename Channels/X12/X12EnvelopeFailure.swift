/// Why bytes could not be read as an interchange at all: the ISA header, which gives the separators, is missing
/// or unreadable. Nothing after it can be trusted, so the sender gets a rejection instead of a 997.
public enum X12EnvelopeFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input is empty or holds only whitespace.
    case empty
    /// The input does not start with `ISA` (after an optional BOM and whitespace); `found` is its start.
    case missingInterchangeHeader(found: String)
    /// The input ends inside the ISA header: fewer than 16 elements plus component separator and terminator.
    case truncatedInterchangeHeader(byteCount: Int)
    /// The separators the ISA defines cannot be told apart from data or from each other.
    case inconsistentDelimiters(String)

    public var description: String {
        switch self {
        case .empty:
            "The interchange is empty: expected an ISA header; send the whole interchange"
        case .missingInterchangeHeader(let found):
            "The interchange does not start with an ISA header (it starts with \"\(found)\"); send a complete X12 interchange"
        case .truncatedInterchangeHeader(let byteCount):
            "The ISA header is incomplete (\(byteCount) bytes): it needs 16 elements, the component separator and the segment terminator"
        case .inconsistentDelimiters(let detail):
            "The ISA header defines unusable separators: \(detail)"
        }
    }
}
