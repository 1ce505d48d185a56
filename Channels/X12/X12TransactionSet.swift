/// One transaction set (ST..SE) as received, with the problems found in its envelope.
public struct X12TransactionSet: Sendable, Hashable {
    /// ST01, e.g. `850`.
    public var identifier: String
    /// ST02, the control number the 997 echoes in AK202.
    public var controlNumber: String
    /// Every segment from ST to SE inclusive (without SE when the trailer is missing), positions counted from ST = 1.
    public var segments: [X12Segment]
    /// Problems with this set (set, segment and element level); empty when it is accepted.
    public var errors: [X12SyntaxError]

    /// Creates a transaction set.
    public init(identifier: String, controlNumber: String, segments: [X12Segment], errors: [X12SyntaxError] = []) {
        self.identifier = identifier
        self.controlNumber = controlNumber
        self.segments = segments
        self.errors = errors
    }

    /// The segments between ST and SE: what a document reader looks at.
    public var body: [X12Segment] {
        segments.filter { $0.id != "ST" && $0.id != "SE" }
    }

    /// Accepted when no problem was found, else rejected.
    public var status: X12AcceptanceStatus {
        errors.isEmpty ? .accepted : .rejected
    }
}
