import Contracts

/// Turns a confirmed order's warehouse allocations into shipments: one per warehouse, each with the order lines (and
/// units) allocated there.
///
/// Allocations name SKUs, not order lines, so units are matched to the order's lines with that SKU in line order
/// (an order may list one SKU on two lines).
public enum ShipmentPlanner {
    /// Why the allocations do not fit the order (inventory and orders disagree): the message is parked with this reason.
    public struct Mismatch: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    public static func plan(_ order: OrderConfirmed) throws(Mismatch) -> [ShipmentPlan] {
        var open: [String: [(lineNumber: Int, quantity: Int)]] = [:]
        for line in order.lines.sorted(by: { $0.lineNumber < $1.lineNumber }) {
            open[line.sku, default: []].append((line.lineNumber, line.quantity))
        }
        var warehouses: [String] = []
        var linesByWarehouse: [String: [Int: ShipmentLineState]] = [:]
        for allocation in order.allocations where allocation.quantity > 0 {
            if linesByWarehouse[allocation.warehouse] == nil {
                warehouses.append(allocation.warehouse)
                linesByWarehouse[allocation.warehouse] = [:]
            }
            var remaining = allocation.quantity
            var candidates = open[allocation.sku] ?? []
            var index = 0
            while remaining > 0, index < candidates.count {
                let take = min(remaining, candidates[index].quantity)
                if take > 0 {
                    let number = candidates[index].lineNumber
                    linesByWarehouse[allocation.warehouse, default: [:]][number, default: ShipmentLineState(lineNumber: number, sku: allocation.sku, quantity: 0)].quantity += take
                    candidates[index].quantity -= take
                    remaining -= take
                }
                index += 1
            }
            open[allocation.sku] = candidates
            guard remaining == 0 else {
                throw Mismatch(description: "order \(order.orderID): \(allocation.quantity) unit(s) of \(allocation.sku) allocated at \(allocation.warehouse), but the order's lines leave only \(allocation.quantity - remaining) of that SKU unallocated")
            }
        }
        return warehouses.map { warehouse in
            ShipmentPlan(warehouse: warehouse, lines: (linesByWarehouse[warehouse] ?? [:]).values.sorted { $0.lineNumber < $1.lineNumber })
        }
    }
}
