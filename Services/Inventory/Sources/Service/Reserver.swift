import Contracts
import Foundation
import Logging
import Metrics
import Outbox
import Persistence

/// Reserves stock for orders (`orders.order.received.v1`) and releases it again (`orders.order.rejected.v1`,
/// `orders.order.cancelled.v1`, and the expiry sweeper).
///
/// A reservation is all or nothing. The positions of the order's SKUs are locked (FOR UPDATE, in SKU then
/// warehouse order) before anything is read, so two orders for the last units queue on the row lock and the
/// second sees what the first left: nothing is ever reserved twice, and on hand never goes below zero (the
/// table's CHECK is the last line of defence). One reservation per order id: a redelivered message changes nothing,
/// and the same order under another message id (the orders service asking again) gets the first decision again.
/// Once the order is confirmed (`orders.order.confirmed.v1`) the reservation no longer expires.
public struct Reserver: Sendable {
    /// The most units one line may ask for; keeps sums far from overflow and inside the database's integers.
    public static let maximumQuantity = 1_000_000_000

    public let store: InventoryStore
    /// How long a reservation holds before the sweeper releases it, unless the order is shipped or released first.
    public let holdDuration: Duration
    private let reservedOrders: Counter
    private let failedOrders: Counter
    private let oversellsPrevented: Counter

    public init(store: InventoryStore, holdDuration: Duration, metricsFactory: any MetricsFactory) {
        self.store = store
        self.holdDuration = holdDuration
        reservedOrders = Counter(label: "inventory_reservations_confirmed_total", factory: metricsFactory)
        failedOrders = Counter(label: "inventory_reservations_failed_total", factory: metricsFactory)
        oversellsPrevented = Counter(label: "inventory_oversell_attempts_prevented_total", factory: metricsFactory)
    }

    public func register(on handlers: inout EventHandlers) {
        handlers.on(OrderReceived.self, handler: "reserve-stock") { envelope, context in
            try await reserve(envelope, context: context)
        }
        handlers.on(OrderConfirmed.self, handler: "hold-for-confirmed-order") { envelope, context in
            try await holdForConfirmedOrder(envelope, context: context)
        }
        handlers.on(OrderRejected.self, handler: "release-on-rejection") { envelope, context in
            try await release(orderID: envelope.payload.orderID, status: "released", cause: envelope.type, in: context.transaction)
        }
        handlers.on(OrderCancelled.self, handler: "release-on-cancellation") { envelope, context in
            try await release(orderID: envelope.payload.orderID, status: "released", cause: envelope.type, in: context.transaction)
        }
    }

    func reserve(_ envelope: EventEnvelope<OrderReceived>, context: EventHandlerContext) async throws {
        let order = envelope.payload
        let transaction = context.transaction
        if let existing = try await transaction.query("SELECT status, decision::text FROM reservations WHERE order_id = $1", order.orderID).first {
            try await answerAgain(existing, orderID: order.orderID, envelope: envelope, context: context)
            return
        }
        var requested: [String: Int] = [:]
        for line in order.lines {
            guard (1...Self.maximumQuantity).contains(line.quantity) else {
                throw EventRejection("line \(line.lineNumber) has quantity \(line.quantity); quantities must be 1 to \(Self.maximumQuantity)")
            }
            requested[line.sku, default: 0] += line.quantity
        }
        let skus = requested.keys.sorted()
        let lines = skus.map { StockLine(sku: $0, quantity: requested[$0] ?? 0) }

        let known = try await store.knownSKUs(skus, in: transaction)
        let unknown = skus.filter { !known.contains($0) }
        let reservationID = UUID()
        guard unknown.isEmpty else {
            try await recordFailure(
                ReservationFailed(orderID: order.orderID, reason: "unknown-sku", shortages: unknown.map { .init(sku: $0, requested: requested[$0] ?? 0, available: 0) }),
                reservationID: reservationID, envelope: envelope, context: context
            )
            return
        }

        let positions = try await store.positions(skus: skus, lock: true, in: transaction)
        let available = positions.mapValues { bySKU in bySKU.mapValues { max($0.onHand - $0.reserved, 0) } }
        let warehouses = try await store.warehouses(in: transaction)
        switch OrderRouter.route(lines: lines, shipTo: order.shipTo, available: available, warehouses: warehouses) {
        case .shortage(let shortages):
            oversellsPrevented.increment()
            try await recordFailure(
                ReservationFailed(orderID: order.orderID, reason: "shortage", shortages: shortages.map { .init(sku: $0.sku, requested: $0.requested, available: $0.available) }),
                reservationID: reservationID, envelope: envelope, context: context
            )
        case .allocated(let allocations):
            let now = Date()
            let expiresAt = StableJSON.roundedToMilliseconds(now.addingTimeInterval(TimeInterval(holdDuration.components.seconds)))
            let confirmed = ReservationConfirmed(
                orderID: order.orderID, reservationID: reservationID.uuidString.lowercased(),
                allocations: allocations.map { .init(warehouse: $0.warehouse, sku: $0.sku, quantity: $0.quantity) },
                expiresAt: expiresAt
            )
            _ = try await transaction.execute(
                "INSERT INTO reservations (id, order_id, status, expires_at, decision) VALUES ($1, $2, 'reserved', $3, $4::jsonb)",
                reservationID, order.orderID, expiresAt, String(decoding: try StableJSON.encode(confirmed), as: UTF8.self)
            )
            _ = try await transaction.execute(
                """
                INSERT INTO reservation_allocations (reservation_id, warehouse, sku, quantity)
                SELECT $1, warehouse, sku, quantity FROM unnest($2::text[], $3::text[], $4::int[]) AS allocation(warehouse, sku, quantity)
                """,
                reservationID, allocations.map(\.warehouse), allocations.map(\.sku), allocations.map(\.quantity)
            )
            try await store.apply(
                contentsOf: allocations.map { allocation in
                    PositionChange(sku: allocation.sku, warehouse: allocation.warehouse, onHandDelta: 0, reservedDelta: allocation.quantity, kind: "reservation", reference: order.orderID)
                },
                at: now, in: transaction
            )
            try await context.outbox.append(EventEnvelope(payload: confirmed, causedBy: envelope), in: transaction)
            reservedOrders.increment()
        }
    }

    private func recordFailure(_ failed: ReservationFailed, reservationID: UUID, envelope: EventEnvelope<OrderReceived>, context: EventHandlerContext) async throws {
        _ = try await context.transaction.execute(
            "INSERT INTO reservations (id, order_id, status, decision) VALUES ($1, $2, 'failed', $3::jsonb)",
            reservationID, failed.orderID, String(decoding: try StableJSON.encode(failed), as: UTF8.self)
        )
        try await context.outbox.append(EventEnvelope(payload: failed, causedBy: envelope), in: context.transaction)
        failedOrders.increment()
    }

    /// The same order under a new message id is the orders service asking again (its step deadline passed): answer
    /// with the decision published the first time. A reservation released or expired since is not renewed; the
    /// order's process has moved on (or an operator looks at it).
    private func answerAgain(_ existing: PostgresRow, orderID: String, envelope: EventEnvelope<OrderReceived>, context: EventHandlerContext) async throws {
        let status = try existing.decode(String.self, at: 0)
        guard let decision = try existing.decode(String?.self, at: 1) else {
            context.logger.notice("order already has a reservation from before decisions were kept; nothing to publish", metadata: ["order_id": "\(orderID)"])
            return
        }
        let json = Data(decision.utf8)
        switch status {
        case "reserved", "issued":
            try await context.outbox.append(EventEnvelope(payload: try StableJSON.decode(ReservationConfirmed.self, from: json), causedBy: envelope), in: context.transaction)
        case "failed":
            try await context.outbox.append(EventEnvelope(payload: try StableJSON.decode(ReservationFailed.self, from: json), causedBy: envelope), in: context.transaction)
        default:
            context.logger.notice("order asked again after its reservation ended; nothing to publish", metadata: ["order_id": "\(orderID)", "status": "\(status)"])
        }
    }

    /// A confirmed order keeps its stock until it ships (or is cancelled): the reservation no longer expires.
    func holdForConfirmedOrder(_ envelope: EventEnvelope<OrderConfirmed>, context: EventHandlerContext) async throws {
        let held = try await context.transaction.execute(
            "UPDATE reservations SET expires_at = NULL, updated_at = now() WHERE order_id = $1 AND status = 'reserved'", envelope.payload.orderID
        )
        if held == 0 {
            let status = try await context.transaction.query("SELECT status FROM reservations WHERE order_id = $1", envelope.payload.orderID).first.map { try $0.decode(String.self, at: 0) }
            if status == "expired" || status == "released" {
                context.logger.error("order confirmed after its reservation ended; its stock is no longer held", metadata: [
                    "order_id": "\(envelope.payload.orderID)", "reservation_status": "\(status ?? "")",
                ])
            }
        }
    }

    /// Releases what a `reserved` reservation still holds and marks it `status`; anything else is left alone.
    /// - Returns: whether there was something to release.
    @discardableResult
    public func release(orderID: String, status: String, cause: String, in transaction: PostgresTransaction) async throws -> Bool {
        guard let row = try await transaction.query(
            "SELECT id FROM reservations WHERE order_id = $1 AND status = 'reserved' FOR UPDATE", orderID
        ).first else { return false }
        let reservationID = try row.decode(UUID.self, at: 0)
        let allocations = try await transaction.query(
            "SELECT warehouse, sku, quantity FROM reservation_allocations WHERE reservation_id = $1 ORDER BY sku, warehouse", reservationID
        )
        // Locked in the order every reservation locks them, before the one statement that changes them all.
        _ = try await store.positions(skus: Array(Set(try allocations.map { try $0.decode(String.self, at: 1) })).sorted(), lock: true, in: transaction)
        try await store.apply(
            contentsOf: try allocations.map { allocation in
                PositionChange(
                    sku: try allocation.decode(String.self, at: 1), warehouse: try allocation.decode(String.self, at: 0),
                    onHandDelta: 0, reservedDelta: -(try allocation.decode(Int.self, at: 2)), kind: "release", reference: orderID
                )
            },
            in: transaction
        )
        _ = try await transaction.execute("UPDATE reservations SET status = $2, updated_at = now() WHERE id = $1", reservationID, status)
        return true
    }
}
