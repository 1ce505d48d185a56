/// A transaction set to write: its identifier, control number and the body between ST and SE (``X12Writer`` adds
/// ST and SE with the right count).
public struct X12OutgoingTransactionSet: Sendable, Hashable {
    /// ST01, e.g. `855`.
    public var identifier: String
    /// ST02: 4 to 9 characters, unique within the group (commonly zero-padded digits such as `0001`).
    public var controlNumber: String
    /// The segments between ST and SE.
    public var body: [X12Segment]

    /// Creates a set to write.
    public init(identifier: String, controlNumber: String, body: [X12Segment]) {
        self.identifier = identifier
        self.controlNumber = controlNumber
        self.body = body
    }
}
