/// The shipments schema holds something this code cannot read (a bug or a manual edit): fix the row.
public enum ShipmentsStoreError: Error, Sendable, CustomStringConvertible {
    case corrupt(String)

    public var description: String {
        switch self {
        case .corrupt(let what): "the shipments schema holds an unreadable \(what); fix the row by hand"
        }
    }
}
