/// Why an ERP posting failed.
public enum ERPPostingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The ERP is slow, down or overloaded: try again later.
    case unavailable(String)
    /// The ERP refused the order and will refuse it again: an operator must look at it.
    case refused(String)

    public var description: String {
        switch self {
        case .unavailable(let reason): "ERP unavailable: \(reason)"
        case .refused(let reason): "ERP refused the order: \(reason)"
        }
    }
}
