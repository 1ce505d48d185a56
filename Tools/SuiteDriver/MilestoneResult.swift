/// The shipments service's answer to a milestone: the milestone as recorded and the shipment after it.
public struct MilestoneResult: Codable, Sendable, Hashable {
    public var milestone: ShipmentDocument.Milestone
    public var shipment: ShipmentDocument
}
