import Contracts
import Foundation
import Outbox
import Persistence

/// Turns a reservation into an issue when its goods leave (`shipments.shipment.dispatched.v1`): for each
/// dispatched line, on hand and reserved both fall by the units shipped from that warehouse. A partial dispatch
/// leaves the rest reserved; when everything allocated is issued, the reservation is `issued`.
///
/// Units shipped beyond what was reserved there (a picker's substitution, an order reserved elsewhere) still
/// leave on hand — the goods are gone — but reserve nothing back. A dispatch that would take on hand below zero
/// cannot be true of this position: it is parked with the reason, for an operator to reconcile.
public struct DispatchIssuer: Sendable {
    public let store: InventoryStore

    public init(store: InventoryStore) {
        self.store = store
    }

    public func register(on handlers: inout EventHandlers) {
        handlers.on(ShipmentDispatched.self, handler: "issue-on-dispatch") { envelope, context in
            try await issue(envelope.payload, in: context.transaction)
        }
    }

    func issue(_ dispatch: ShipmentDispatched, in transaction: PostgresTransaction) async throws {
        let inserted = try await transaction.execute(
            "INSERT INTO dispatches (dispatch_id, shipment_id, order_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            dispatch.dispatchID, dispatch.shipmentID, dispatch.orderID
        )
        guard inserted == 1 else { return }
        var shipped: [String: Int] = [:]
        for line in dispatch.lines {
            guard (1...Reserver.maximumQuantity).contains(line.quantity) else { throw EventRejection("dispatch \(dispatch.dispatchID) line \(line.lineNumber) has quantity \(line.quantity); quantities must be 1 to \(Reserver.maximumQuantity)") }
            shipped[line.sku, default: 0] += line.quantity
        }
        let skus = shipped.keys.sorted()
        let positions = try await store.positions(skus: skus, lock: true, in: transaction)
        let reservation = try await transaction.query(
            "SELECT id FROM reservations WHERE order_id = $1 AND status = 'reserved' FOR UPDATE", dispatch.orderID
        ).first.map { try $0.decode(UUID.self, at: 0) }
        var changes: [PositionChange] = []
        for sku in skus {
            let units = shipped[sku] ?? 0
            let onHand = positions[dispatch.warehouse]?[sku]?.onHand ?? 0
            guard onHand >= units else {
                throw EventRejection("dispatch \(dispatch.dispatchID) ships \(units) of \(sku) from \(dispatch.warehouse), which has \(onHand) on hand; reconcile the warehouse (PUT /v1/stock/snapshots/\(dispatch.warehouse)) and replay")
            }
            var fromReservation = 0
            if let reservation, let remaining = try await transaction.query(
                "SELECT quantity - issued FROM reservation_allocations WHERE reservation_id = $1 AND warehouse = $2 AND sku = $3",
                reservation, dispatch.warehouse, sku
            ).first.map({ try $0.decode(Int.self, at: 0) }) {
                fromReservation = min(remaining, units)
                _ = try await transaction.execute(
                    "UPDATE reservation_allocations SET issued = issued + $4 WHERE reservation_id = $1 AND warehouse = $2 AND sku = $3",
                    reservation, dispatch.warehouse, sku, fromReservation
                )
            }
            changes.append(
                PositionChange(sku: sku, warehouse: dispatch.warehouse, onHandDelta: -units, reservedDelta: -fromReservation, kind: "issue", movementID: dispatch.dispatchID, reference: dispatch.orderID)
            )
        }
        try await store.apply(contentsOf: changes, in: transaction)
        if let reservation {
            _ = try await transaction.execute(
                """
                UPDATE reservations SET status = 'issued', updated_at = now()
                WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM reservation_allocations WHERE reservation_id = $1 AND issued < quantity)
                """,
                reservation
            )
        }
    }
}
