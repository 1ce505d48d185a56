/// One invalid field of a request: where (a JSON pointer into the body) and what is wrong with it.
public struct FieldViolation: Sendable, Hashable, CustomStringConvertible {
    public var pointer: String
    public var detail: String

    public init(pointer: String, detail: String) {
        self.pointer = pointer
        self.detail = detail
    }

    public var description: String { "\(pointer.isEmpty ? "(body)" : pointer): \(detail)" }
}
