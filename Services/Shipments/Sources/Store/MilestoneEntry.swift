import Foundation

/// One milestone in a shipment's history, applied or kept as history only.
public struct MilestoneEntry: Sendable, Hashable {
    /// What came with the milestone, kept as sent.
    public struct Detail: Sendable, Hashable, Codable {
        public var carrier: String?
        public var trackingNumber: String?
        public var reason: String?
        public var lines: [MilestoneRequest.Line]?
        /// Why a milestone was not applied (late, part still at the warehouse).
        public var note: String?
    }

    public var eventID: String
    public var kind: MilestoneKind
    public var occurredAt: Date
    public var recordedAt: Date
    public var applied: Bool
    public var detail: Detail
    public var requestHash: String
}
