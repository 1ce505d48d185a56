/// What a milestone does to a shipment (``MilestonePolicy/decide(status:lines:request:)``).
public enum MilestoneDecision: Sendable, Equatable {
    /// Units of one line leaving with a dispatch.
    public struct DispatchLine: Sendable, Hashable, Codable {
        public var lineNumber: Int
        public var sku: String
        public var quantity: Int

        public init(lineNumber: Int, sku: String, quantity: Int) {
            self.lineNumber = lineNumber
            self.sku = sku
            self.quantity = quantity
        }
    }

    /// The shipment moves to `status` (a dispatch also records `dispatch`).
    case advance(to: ShipmentStatus, dispatch: [DispatchLine]?)
    /// An exception: recorded and announced; the status stays.
    case exception
    /// Late or out of order: kept in the history, the status stays, nothing is announced.
    case recordOnly(note: String)
}
