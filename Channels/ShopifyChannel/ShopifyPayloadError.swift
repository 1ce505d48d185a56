/// A webhook body that cannot be read as the topic's payload: where (a JSON pointer into the body, `""` for the whole
/// body) and what is wrong, so the delivery can be parked with a reason an operator can act on.
public struct ShopifyPayloadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// RFC 6901 pointer to the offending member, e.g. `/line_items/2/price`.
    public var pointer: String
    /// One sentence saying what is wrong and what was expected.
    public var detail: String

    public init(pointer: String, detail: String) {
        self.pointer = pointer
        self.detail = detail
    }

    public var description: String { "\(pointer.isEmpty ? "(body)" : pointer): \(detail)" }
}
