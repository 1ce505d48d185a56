/// A stored row that cannot be read back: a bug or a hand edit, never a caller's mistake.
public enum FinanceStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case corrupt(String)

    public var description: String {
        switch self {
        case .corrupt(let what): "finance data is inconsistent: \(what); check recent manual changes to the finance schema"
        }
    }
}
