/// The answer to a milestone: the milestone as recorded (applied, or history only with a note) and the shipment after it.
struct MilestoneAnswer: Codable, Sendable, Hashable {
    var milestone: ShipmentDocument.Milestone
    var shipment: ShipmentDocument
}
