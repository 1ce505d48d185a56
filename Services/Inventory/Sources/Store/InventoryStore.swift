import Contracts
import Foundation
import Outbox
import Persistence

/// The inventory schema: positions, the ledger, reservations. Every change of a position goes through
/// ``apply(_:at:in:)``, which updates the row, appends to the ledger and publishes `inventory.stock.changed.v1`
/// with the position's next sequence — all in the caller's transaction.
public struct InventoryStore: Sendable {
    public let outbox: OutboxWriter

    public init(outbox: OutboxWriter) {
        self.outbox = outbox
    }

    /// Applies `change`; the database refuses (check violation, SQLSTATE 23514) a change that would take on hand
    /// or reserved below zero, and the transaction rolls back.
    @discardableResult
    public func apply(_ change: PositionChange, at instant: Date = Date(), in transaction: PostgresTransaction) async throws -> StockChanged {
        // UPDATE first: an INSERT … ON CONFLICT checks the proposed new row, which a release (negative delta)
        // would fail. A position seen for the first time is created empty (ON CONFLICT DO NOTHING, so two first
        // receipts racing both succeed), then updated like any other.
        let update = """
            WITH changed AS (
                UPDATE positions SET on_hand = on_hand + $3, reserved = reserved + $4, sequence = sequence + 1, updated_at = now()
                WHERE sku = $1 AND warehouse = $2
                RETURNING on_hand, reserved, sequence),
            recorded AS (
                INSERT INTO ledger (movement_id, kind, sku, warehouse, on_hand_delta, reserved_delta, reference)
                SELECT $5, $6, $1, $2, $3, $4, $7 FROM changed)
            SELECT on_hand, reserved, sequence FROM changed
            """
        let parameters: [any PostgresEncodable] = [
            change.sku, change.warehouse, change.onHandDelta, change.reservedDelta, change.movementID, change.kind, change.reference,
        ]
        var updated = try await transaction.query(update, parameters: parameters)
        if updated.isEmpty {
            _ = try await transaction.execute(
                "INSERT INTO positions (sku, warehouse) VALUES ($1, $2) ON CONFLICT (sku, warehouse) DO NOTHING", change.sku, change.warehouse
            )
            updated = try await transaction.query(update, parameters: parameters)
        }
        guard let row = updated.first else {
            throw InventoryStoreError("position \(change.sku)@\(change.warehouse) could not be created")
        }
        let onHand = try row.decode(Int.self, at: 0)
        let reserved = try row.decode(Int.self, at: 1)
        let event = StockChanged(
            sku: change.sku, warehouse: change.warehouse, onHand: onHand, reserved: reserved,
            available: max(onHand - reserved, 0), sequence: try row.decode(Int64.self, at: 2), cause: change.kind,
            changedAt: StableJSON.roundedToMilliseconds(instant)
        )
        // One aggregate per position: its events leave in commit order.
        try await outbox.append(try EventEnvelope(payload: event, correlationID: "\(change.sku)@\(change.warehouse)"), in: transaction)
        return event
    }

    /// Applies `changes` — one reservation's, release's or dispatch's positions — in two statements whatever their
    /// number (one ``apply(_:at:in:)`` is two per position): the positions and ledger in one, their
    /// `inventory.stock.changed.v1` events in the other. Returns the events in the order of `changes`.
    ///
    /// Changes naming the same position twice, or a position not stored yet, go through ``apply(_:at:in:)`` one by
    /// one, in order, so each sees the one before. Callers lock the positions first (``positions(skus:lock:in:)``),
    /// so the update takes no lock the transaction does not hold already.
    @discardableResult
    public func apply(contentsOf changes: [PositionChange], at instant: Date = Date(), in transaction: PostgresTransaction) async throws -> [StockChanged] {
        guard changes.count > 1, Set(changes.map { PositionKey(sku: $0.sku, warehouse: $0.warehouse) }).count == changes.count else {
            var events: [StockChanged] = []
            for change in changes { events.append(try await apply(change, at: instant, in: transaction)) }
            return events
        }
        let rows = try await transaction.query(
            """
            WITH change AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY
                    AS c(sku, warehouse, on_hand_delta, reserved_delta, movement_id, kind, reference, position)
            ), changed AS (
                UPDATE positions p
                SET on_hand = p.on_hand + c.on_hand_delta, reserved = p.reserved + c.reserved_delta, sequence = p.sequence + 1, updated_at = now()
                -- `p.sku = ANY($1)`: the positions are found by index, never by a scan joined to the list.
                FROM change c WHERE p.sku = c.sku AND p.warehouse = c.warehouse AND p.sku = ANY($1)
                RETURNING c.position, p.on_hand, p.reserved, p.sequence, c.sku, c.warehouse, c.on_hand_delta, c.reserved_delta,
                          c.movement_id, c.kind, c.reference
            ), recorded AS (
                INSERT INTO ledger (movement_id, kind, sku, warehouse, on_hand_delta, reserved_delta, reference)
                SELECT movement_id, kind, sku, warehouse, on_hand_delta, reserved_delta, reference FROM changed ORDER BY position
            )
            SELECT position, on_hand, reserved, sequence FROM changed ORDER BY position
            """,
            changes.map(\.sku), changes.map(\.warehouse), changes.map(\.onHandDelta), changes.map(\.reservedDelta),
            changes.map(\.movementID), changes.map(\.kind), changes.map(\.reference)
        )
        var updated: [Int: (onHand: Int, reserved: Int, sequence: Int64)] = [:]
        for row in rows {
            updated[Int(try row.decode(Int64.self, at: 0)) - 1] = (try row.decode(Int.self, at: 1), try row.decode(Int.self, at: 2), try row.decode(Int64.self, at: 3))
        }
        let changedAt = StableJSON.roundedToMilliseconds(instant)
        var events: [StockChanged] = []
        var envelopes: [EventEnvelope<StockChanged>] = []
        for (index, change) in changes.enumerated() {
            guard let position = updated[index] else {
                // Not stored yet: created and changed on its own, its event stored ahead of the others' (each
                // position's own events stay in order, which is what consumers rely on).
                let event = try await apply(change, at: instant, in: transaction)
                events.append(event)
                continue
            }
            let event = StockChanged(
                sku: change.sku, warehouse: change.warehouse, onHand: position.onHand, reserved: position.reserved,
                available: max(position.onHand - position.reserved, 0), sequence: position.sequence, cause: change.kind, changedAt: changedAt
            )
            events.append(event)
            envelopes.append(try EventEnvelope(payload: event, correlationID: "\(change.sku)@\(change.warehouse)"))
        }
        try await outbox.append(contentsOf: envelopes, in: transaction)
        return events
    }

    /// A position's identity, for spotting a change list that names one twice.
    private struct PositionKey: Hashable {
        var sku: String
        var warehouse: String
    }

    /// All warehouses.
    public func warehouses(in transaction: PostgresTransaction) async throws -> [Warehouse] {
        try await transaction.query("SELECT id, country, regions, postal_prefixes FROM warehouses ORDER BY id").map { row in
            Warehouse(
                id: try row.decode(String.self, at: 0), country: try row.decode(String.self, at: 1),
                regions: try row.decode([String].self, at: 2), postalPrefixes: try row.decode([String].self, at: 3)
            )
        }
    }

    /// Which of `skus` are known items.
    public func knownSKUs(_ skus: [String], in transaction: PostgresTransaction) async throws -> Set<String> {
        Set(try await transaction.query("SELECT sku FROM items WHERE sku = ANY($1)", skus).map { try $0.decode(String.self, at: 0) })
    }

    /// Positions of `skus`, by warehouse then SKU. With `lock`, the rows are locked (FOR UPDATE) in a fixed
    /// order — SKU, then warehouse — so concurrent reservations queue instead of deadlocking.
    public func positions(skus: [String], lock: Bool, in transaction: PostgresTransaction) async throws -> [String: [String: (onHand: Int, reserved: Int)]] {
        let rows = try await transaction.query(
            "SELECT warehouse, sku, on_hand, reserved FROM positions WHERE sku = ANY($1) ORDER BY sku, warehouse" + (lock ? " FOR UPDATE" : ""),
            skus
        )
        var positions: [String: [String: (onHand: Int, reserved: Int)]] = [:]
        for row in rows {
            positions[try row.decode(String.self, at: 0), default: [:]][try row.decode(String.self, at: 1)] =
                (try row.decode(Int.self, at: 2), try row.decode(Int.self, at: 3))
        }
        return positions
    }
}
