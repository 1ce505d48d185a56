/// One X12 segment: its identifier and its elements as text.
///
/// Elements are numbered the X12 way: `segment[1]` is element 01 (for `BEG*00*SA`, `segment[1] == "00"`);
/// an element that is absent reads as `""`, so optional trailing elements need no special handling.
public struct X12Segment: Sendable, Hashable, CustomStringConvertible {
    /// The segment identifier, e.g. `ST`, `BEG`, `PO1`.
    public var id: String
    /// Element values in order; `elements[0]` is element 01. Composite elements keep their component separators.
    public var elements: [String]
    /// Position as X12 counts it: within a transaction set ST = 1; for envelope segments (ISA, GS, GE, IEA) the
    /// position within the interchange (ISA = 1); 0 for a segment built in code.
    public var position: Int
    /// The component separator of the interchange the segment was read from (`nil` for a segment built in code).
    public var componentSeparator: Unicode.Scalar?
    /// The repetition separator of the interchange the segment was read from, when it has one.
    public var repetitionSeparator: Unicode.Scalar?

    /// Creates a segment, dropping nothing: trailing empty elements are trimmed by ``X12Writer`` when written.
    public init(
        id: String, elements: [String], position: Int = 0,
        componentSeparator: Unicode.Scalar? = nil, repetitionSeparator: Unicode.Scalar? = nil
    ) {
        self.id = id
        self.elements = elements
        self.position = position
        self.componentSeparator = componentSeparator
        self.repetitionSeparator = repetitionSeparator
    }

    /// Creates a segment from elements written in order, e.g. `X12Segment("REF", "BM", "12345")`.
    public init(_ id: String, _ elements: String...) {
        self.init(id: id, elements: elements)
    }

    /// Element `index` (1-based, as X12 numbers them); `""` when the segment has fewer elements.
    public subscript(_ index: Int) -> String {
        guard index >= 1, index <= elements.count else { return "" }
        return elements[index - 1]
    }

    /// The element `index` split at the component separator; one component when the segment has no known
    /// separator or the element is simple, and `[]` when the element is absent or empty.
    public func components(at index: Int) -> [String] {
        let value = self[index]
        guard !value.isEmpty else { return [] }
        guard let separator = componentSeparator else { return [value] }
        return value.split(separator: Character(separator), omittingEmptySubsequences: false).map(String.init)
    }

    /// The element `index` split at the repetition separator (versions 00402 and later); one value otherwise.
    public func repetitions(at index: Int) -> [String] {
        let value = self[index]
        guard !value.isEmpty else { return [] }
        guard let separator = repetitionSeparator else { return [value] }
        return value.split(separator: Character(separator), omittingEmptySubsequences: false).map(String.init)
    }

    /// The segment as `ID*E01*E02` with `*` between elements: for logs and messages, not for output
    /// (``X12Writer`` writes with the interchange's delimiters).
    public var description: String {
        ([id] + elements).joined(separator: "*")
    }
}
