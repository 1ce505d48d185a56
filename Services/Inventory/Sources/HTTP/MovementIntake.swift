import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit

/// Records one movement: validated, applied to the positions and the ledger in one transaction, and answered
/// the same way again when the ERP resends it (same id, same body); the same id with another body is a 409.
struct MovementIntake: Sendable {
    let store: InventoryStore
    let pool: PostgresPool

    /// The most units one movement may move (either sign).
    static let maximumQuantity = 1_000_000_000
    /// The most a position can hold: the `integer` columns of `positions`.
    static let maximumOnHand = Int(Int32.max)

    struct Recorded: Codable, Sendable {
        var id: String
        var kind: MovementDocument.Kind
        /// The positions after the movement.
        var positions: [StockChanged]
    }

    func record(_ movement: MovementDocument) async throws -> Response {
        try validate(movement)
        let canonical = String(decoding: try StableJSON.encode(movement), as: UTF8.self)
        let (recorded, repeated) = try await pool.transaction { transaction -> (Recorded, Bool) in
            // Serialise repeats of one id: the second waits for the first to commit and then finds it.
            _ = try await transaction.execute("SELECT pg_advisory_xact_lock(hashtext('inventory-movement'), hashtext($1))", movement.id)
            if let previous = try await transaction.query("SELECT body::text, response::text FROM movements WHERE id = $1", movement.id).first {
                let previousBody = try StableJSON.decode(MovementDocument.self, from: Data(try previous.decode(String.self, at: 0).utf8))
                guard previousBody == movement else {
                    throw ProblemDetails(
                        type: "urn:wholesail:problem:movement-conflict", title: "The movement id was used for another movement",
                        status: .conflict,
                        detail: "Movement \(movement.id) was recorded with a different body; a movement id names one movement. Nothing was changed."
                    )
                }
                return (try StableJSON.decode(Recorded.self, from: Data(try previous.decode(String.self, at: 1).utf8)), true)
            }
            let warehouses = [movement.warehouse] + (movement.toWarehouse.map { [$0] } ?? [])
            try await InventoryValidation.requireKnown(sku: movement.sku, warehouses: warehouses, in: transaction)
            let changes = try await changes(for: movement, in: transaction)
            var positions: [StockChanged] = []
            for change in changes {
                positions.append(try await store.apply(change, in: transaction))
            }
            let recorded = Recorded(id: movement.id, kind: movement.kind, positions: positions)
            _ = try await transaction.execute(
                "INSERT INTO movements (id, body, response) VALUES ($1, $2::jsonb, $3::jsonb)",
                movement.id, canonical, String(decoding: try StableJSON.encode(recorded), as: UTF8.self)
            )
            return (recorded, false)
        }
        return try StableJSONResponseEncoder.response(recorded, status: repeated ? .ok : .created)
    }

    private func validate(_ movement: MovementDocument) throws {
        var errors: [ProblemDetails.FieldError] = []
        if let problem = InventoryValidation.identifierProblem(movement.id, what: "the movement id") { errors.append(.init(pointer: "/id", detail: problem)) }
        switch movement.kind {
        case .receipt, .transfer:
            if movement.quantity < 1 { errors.append(.init(pointer: "/quantity", detail: "a \(movement.kind.rawValue) moves at least 1 unit; \(movement.quantity) is not allowed")) }
        case .adjustment:
            if movement.quantity == 0 { errors.append(.init(pointer: "/quantity", detail: "an adjustment of 0 changes nothing; send a non-zero signed quantity")) }
        }
        if movement.kind == .transfer {
            if movement.toWarehouse == nil { errors.append(.init(pointer: "/toWarehouse", detail: "a transfer needs toWarehouse")) }
            if movement.toWarehouse == movement.warehouse { errors.append(.init(pointer: "/toWarehouse", detail: "a transfer needs two different warehouses")) }
        } else if movement.toWarehouse != nil {
            errors.append(.init(pointer: "/toWarehouse", detail: "only a transfer has toWarehouse"))
        }
        // Not `abs`: it traps on Int.min, which a client can send.
        if !(-Self.maximumQuantity ... Self.maximumQuantity).contains(movement.quantity) {
            errors.append(.init(pointer: "/quantity", detail: "at most 1,000,000,000 units per movement"))
        }
        guard errors.isEmpty else { throw ProblemDetails.validationFailed(errors) }
    }

    /// The position changes of a movement, checked against the current (locked) positions.
    private func changes(for movement: MovementDocument, in transaction: PostgresTransaction) async throws -> [PositionChange] {
        let current = try await store.positions(skus: [movement.sku], lock: true, in: transaction)
        let here = current[movement.warehouse]?[movement.sku] ?? (onHand: 0, reserved: 0)
        switch movement.kind {
        case .receipt:
            try Self.requireRoom(for: movement.quantity, onHand: here.onHand, in: movement.warehouse)
            return [PositionChange(sku: movement.sku, warehouse: movement.warehouse, onHandDelta: movement.quantity, reservedDelta: 0, kind: "receipt", movementID: movement.id, reference: movement.reference)]
        case .adjustment:
            guard here.onHand + movement.quantity >= 0 else {
                throw ProblemDetails.validationFailed(
                    [.init(pointer: "/quantity", detail: "an adjustment of \(movement.quantity) would take on hand (\(here.onHand)) below zero")]
                )
            }
            try Self.requireRoom(for: movement.quantity, onHand: here.onHand, in: movement.warehouse)
            return [PositionChange(sku: movement.sku, warehouse: movement.warehouse, onHandDelta: movement.quantity, reservedDelta: 0, kind: "adjustment", movementID: movement.id, reference: movement.reference)]
        case .transfer:
            let unreserved = here.onHand - here.reserved
            guard let destination = movement.toWarehouse, movement.quantity <= unreserved else {
                throw ProblemDetails.validationFailed(
                    [.init(pointer: "/quantity", detail: "only \(max(unreserved, 0)) unreserved units of \(movement.sku) are in \(movement.warehouse)")]
                )
            }
            try Self.requireRoom(for: movement.quantity, onHand: current[destination]?[movement.sku]?.onHand ?? 0, in: destination)
            // Rows change in (SKU, warehouse) order, the order reservations lock them in.
            let out = PositionChange(sku: movement.sku, warehouse: movement.warehouse, onHandDelta: -movement.quantity, reservedDelta: 0, kind: "transfer-out", movementID: movement.id, reference: movement.reference)
            let into = PositionChange(sku: movement.sku, warehouse: destination, onHandDelta: movement.quantity, reservedDelta: 0, kind: "transfer-in", movementID: movement.id, reference: movement.reference)
            return movement.warehouse < destination ? [out, into] : [into, out]
        }
    }

    /// 422 when adding `quantity` would take on hand beyond what a position can hold (the database would refuse
    /// the update with an out-of-range error, a 500, otherwise).
    private static func requireRoom(for quantity: Int, onHand: Int, in warehouse: String) throws {
        guard onHand + quantity > maximumOnHand else { return }
        throw ProblemDetails.validationFailed(
            [.init(pointer: "/quantity", detail: "\(quantity) more units would take on hand in \(warehouse) (\(onHand)) above \(maximumOnHand), the most a position can hold")]
        )
    }
}
