import Contracts
import Foundation

/// Available-to-promise for one SKU: what each warehouse can promise now and by a date, so that a channel can
/// quote a delivery before it places the order. Pure: the service reads positions and inbound supply, this
/// computes.
///
/// Rules:
/// - Listed: every known warehouse with a position for the SKU or inbound supply of the SKU (even supply due
///   after the date, and even without a position), nearest to the ship-to first (``WarehouseRanking``; by id
///   when there is no ship-to). Positions and supply for warehouse ids not in `warehouses` are ignored.
/// - Available now: on hand − reserved, never below zero.
/// - Available by date: available now + the supply of that warehouse and SKU expected at or before the date.
///   No date, or a date before now, means now: supply already due (even overdue) counts, later supply does not.
///   Supply quantities below zero count as zero. Sums saturate at `Int.max` instead of trapping.
/// - Can fill: available by date ≥ the requested quantity; nil when no quantity was asked for.
public enum AvailableToPromise {
    /// One warehouse's position in the SKU.
    public struct Position: Sendable, Hashable {
        public var onHand: Int
        public var reserved: Int

        public init(onHand: Int, reserved: Int) {
            self.onHand = onHand
            self.reserved = reserved
        }
    }

    /// Availability of `sku` per warehouse.
    /// - Parameters:
    ///   - quantity: the quantity the caller wants to know about, if any (fills ``WarehouseAvailability/canFill``).
    ///   - date: by when the stock is needed; nil means now.
    ///   - positions: warehouse id → the SKU's position there.
    ///   - inbound: inbound supply; entries for other SKUs are ignored.
    ///   - now: the current instant (passed in so that results are reproducible).
    public static func compute(
        sku: String,
        quantity: Int?,
        date: Date?,
        shipTo: PostalAddress?,
        positions: [String: Position],
        inbound: [InboundSupply],
        warehouses: [Warehouse],
        now: Date
    ) -> [WarehouseAvailability] {
        let cutoff = max(date ?? now, now)
        var inboundDueByWarehouse: [String: Int] = [:]
        var warehousesWithInbound = Set<String>()
        for supply in inbound where supply.sku == sku {
            warehousesWithInbound.insert(supply.warehouse)
            if supply.expectedDate <= cutoff {
                inboundDueByWarehouse[supply.warehouse] = inboundDueByWarehouse[supply.warehouse, default: 0]
                    .saturatingAdd(max(supply.quantity, 0))
            }
        }

        var listedIDs = Set<String>()
        let listed = WarehouseRanking.order(warehouses, for: shipTo).filter { warehouse in
            (positions[warehouse.id] != nil || warehousesWithInbound.contains(warehouse.id))
                && listedIDs.insert(warehouse.id).inserted
        }
        return listed.map { warehouse in
            let position = positions[warehouse.id] ?? Position(onHand: 0, reserved: 0)
            let (difference, overflow) = position.onHand.subtractingReportingOverflow(position.reserved)
            let availableNow = overflow ? (position.reserved < 0 ? .max : 0) : max(difference, 0)
            let availableByDate = availableNow.saturatingAdd(inboundDueByWarehouse[warehouse.id, default: 0])
            return WarehouseAvailability(
                warehouse: warehouse.id,
                availableNow: availableNow,
                availableByDate: availableByDate,
                canFill: quantity.map { availableByDate >= $0 }
            )
        }
    }
}

extension Int {
    /// `self + other`, clamped to `Int.min ... Int.max` instead of trapping on overflow.
    fileprivate func saturatingAdd(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
