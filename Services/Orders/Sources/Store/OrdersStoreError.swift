/// The orders schema holds something this version cannot read: a bug or a manual edit, for an engineer to look at.
public enum OrdersStoreError: Error, CustomStringConvertible {
    case corrupt(String)

    public var description: String {
        switch self {
        case .corrupt(let what): "the orders schema holds an unreadable \(what); check recent manual changes or migrations"
        }
    }
}
