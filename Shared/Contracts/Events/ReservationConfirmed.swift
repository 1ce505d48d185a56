import Foundation

/// `inventory.reservation.confirmed.v1`: every line of an order is reserved, in the warehouses named.
///
/// The allocations are what shipments will ship from (one shipment per warehouse) and what a dispatch
/// later turns into an issue of stock.
public struct ReservationConfirmed: EventPayload, Hashable {
    public static let eventType: EventType = "inventory.reservation.confirmed.v1"

    /// Units of one SKU reserved in one warehouse.
    public struct Allocation: Codable, Sendable, Hashable {
        public var warehouse: String
        public var sku: String
        public var quantity: Int

        public init(warehouse: String, sku: String, quantity: Int) {
            self.warehouse = warehouse
            self.sku = sku
            self.quantity = quantity
        }
    }

    /// The order the reservation is for.
    public var orderID: String
    public var reservationID: String
    public var allocations: [Allocation]
    /// When an unconfirmed reservation is released by the sweeper.
    public var expiresAt: Date

    public init(orderID: String, reservationID: String, allocations: [Allocation], expiresAt: Date) {
        self.orderID = orderID
        self.reservationID = reservationID
        self.allocations = allocations
        self.expiresAt = expiresAt
    }
}
