/// One thing wrong with a request body: where (a JSON pointer, `""` for the whole body) and why.
public struct OrderRequestViolation: Sendable, Hashable, CustomStringConvertible {
    public var pointer: String
    public var detail: String

    public init(pointer: String, detail: String) {
        self.pointer = pointer
        self.detail = detail
    }

    public var description: String { "\(pointer.isEmpty ? "(body)" : pointer): \(detail)" }
}
