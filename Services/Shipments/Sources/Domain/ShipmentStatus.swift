/// Where a shipment is. Statuses only move forward (by ``rank``); an exception is reported beside the status and
/// does not change it.
public enum ShipmentStatus: String, Codable, Sendable, CaseIterable, Comparable {
    case created
    case picked
    case packed
    /// Some units left; the remainder is still open at the warehouse.
    case partiallyDispatched = "partially_dispatched"
    /// Every unit left.
    case dispatched
    case inTransit = "in_transit"
    case delivered

    /// The order of progress: a milestone that would lower it is late and is kept in the history only.
    public var rank: Int {
        switch self {
        case .created: 0
        case .picked: 1
        case .packed: 2
        case .partiallyDispatched: 3
        case .dispatched: 4
        case .inTransit: 5
        case .delivered: 6
        }
    }

    /// Whether at least one unit has left the warehouse.
    public var hasDispatched: Bool { self.rank >= Self.partiallyDispatched.rank }

    public static func < (left: ShipmentStatus, right: ShipmentStatus) -> Bool { left.rank < right.rank }
}
