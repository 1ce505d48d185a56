import Contracts
import Foundation
import Outbox
import Persistence

/// Takes returned goods back (`shipments.return.received.v1`): resalable units go back on hand (`restock`),
/// damaged units into quarantine, apart from sellable stock (the ledger records both). Once per receipt id.
public struct ReturnRestocker: Sendable {
    public let store: InventoryStore

    public init(store: InventoryStore) {
        self.store = store
    }

    public func register(on handlers: inout EventHandlers) {
        handlers.on(ReturnReceived.self, handler: "restock-on-return") { envelope, context in
            try await restock(envelope.payload, in: context.transaction)
        }
    }

    func restock(_ receipt: ReturnReceived, in transaction: PostgresTransaction) async throws {
        let inserted = try await transaction.execute(
            "INSERT INTO return_receipts (receipt_id, rma, order_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            receipt.receiptID, receipt.rma, receipt.orderID
        )
        guard inserted == 1 else { return }
        let known = try await store.knownSKUs(receipt.lines.map(\.sku), in: transaction)
        for line in receipt.lines.sorted(by: { $0.sku < $1.sku }) {
            guard (1...Reserver.maximumQuantity).contains(line.quantity) else { throw EventRejection("return receipt \(receipt.receiptID) line \(line.lineNumber) has quantity \(line.quantity); quantities must be 1 to \(Reserver.maximumQuantity)") }
            guard known.contains(line.sku) else { throw EventRejection("return receipt \(receipt.receiptID) names SKU \(line.sku), which inventory does not know; create it (PUT /v1/items/\(line.sku)) and replay") }
            switch line.condition {
            case .resalable:
                try await store.apply(
                    PositionChange(sku: line.sku, warehouse: receipt.warehouse, onHandDelta: line.quantity, reservedDelta: 0, kind: "restock", movementID: receipt.receiptID, reference: receipt.rma),
                    in: transaction
                )
            case .damaged:
                _ = try await transaction.execute(
                    """
                    INSERT INTO quarantine (sku, warehouse, quantity) VALUES ($1, $2, $3)
                    ON CONFLICT (sku, warehouse) DO UPDATE SET quantity = quarantine.quantity + $3
                    """,
                    line.sku, receipt.warehouse, line.quantity
                )
                _ = try await transaction.execute(
                    """
                    INSERT INTO ledger (movement_id, kind, sku, warehouse, on_hand_delta, reserved_delta, reference)
                    VALUES ($1, 'quarantine', $2, $3, 0, 0, $4)
                    """,
                    receipt.receiptID, line.sku, receipt.warehouse, "\(receipt.rma): \(line.quantity) damaged"
                )
            }
        }
    }
}
