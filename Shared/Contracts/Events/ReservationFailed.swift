/// `inventory.reservation.failed.v1`: the order cannot be reserved as a whole; nothing was reserved.
public struct ReservationFailed: EventPayload, Hashable {
    public static let eventType: EventType = "inventory.reservation.failed.v1"

    /// A SKU the order needs more of than all warehouses together have available.
    public struct Shortage: Codable, Sendable, Hashable {
        public var sku: String
        public var requested: Int
        public var available: Int

        public init(sku: String, requested: Int, available: Int) {
            self.sku = sku
            self.requested = requested
            self.available = available
        }
    }

    /// The order the reservation was for.
    public var orderID: String
    /// `shortage` (see ``shortages``) or `unknown-sku`.
    public var reason: String
    public var shortages: [Shortage]

    public init(orderID: String, reason: String, shortages: [Shortage]) {
        self.orderID = orderID
        self.reason = reason
        self.shortages = shortages
    }
}
