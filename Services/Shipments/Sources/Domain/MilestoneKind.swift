/// What a warehouse (WMS) or carrier reports about a shipment.
public enum MilestoneKind: String, Codable, Sendable, CaseIterable {
    case picked
    case packed
    /// Units left the warehouse, with carrier and tracking number; quantities per line (a partial dispatch leaves
    /// the remainder open).
    case dispatched
    case inTransit = "in_transit"
    case delivered
    /// A problem (damaged, address not found, delayed…), with a reason; the status does not change.
    case exception
}
