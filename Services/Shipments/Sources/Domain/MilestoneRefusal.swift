/// A milestone that cannot apply to the shipment as it is: answered with a problem, nothing recorded.
public enum MilestoneRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// In transit or delivered before anything was dispatched.
    case notDispatched(MilestoneKind, status: ShipmentStatus)
    /// A dispatch when every unit has already left.
    case nothingLeftToDispatch
    /// Dispatch lines the shipment does not have, or more units than are open.
    case invalidDispatchLines([FieldViolation])

    public var description: String {
        switch self {
        case .notDispatched(let kind, let status):
            "a shipment cannot be \(kind.rawValue) before it is dispatched; it is \(status.rawValue)"
        case .nothingLeftToDispatch:
            "every unit of the shipment has already been dispatched"
        case .invalidDispatchLines(let violations):
            violations.map(\.description).joined(separator: "; ")
        }
    }
}
