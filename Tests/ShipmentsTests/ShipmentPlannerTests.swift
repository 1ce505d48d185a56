import Contracts
import Foundation
import Shipments
import Testing

@Suite("ShipmentPlanner: one shipment per warehouse allocation")
struct ShipmentPlannerTests {
    static func order(lines: [(Int, String, Int)], allocations: [(String, String, Int)]) -> OrderConfirmed {
        OrderConfirmed(
            orderID: "ord-1", channel: "shop", channelOrderReference: "WS-1", customer: "C-1", currency: .EUR,
            shipTo: PostalAddress(lines: ["Hafenstraße 12"], city: "Hamburg", country: "DE"), requestedDate: nil, priceVersion: 1,
            lines: lines.map { OrderConfirmed.Line(lineNumber: $0.0, sku: $0.1, quantity: $0.2, unitPrice: Money(minorUnits: 100, currency: .EUR),
                                                   extendedAmount: Money(minorUnits: Int64(100 * $0.2), currency: .EUR)) },
            total: Money(minorUnits: 0, currency: .EUR), reservationID: "res-1",
            allocations: allocations.map { OrderConfirmed.Allocation(warehouse: $0.0, sku: $0.1, quantity: $0.2) },
            confirmedAt: Date(timeIntervalSince1970: 1_800_000_000)
        )
    }

    @Test("a split allocation gives two shipments with the units of each warehouse")
    func splitAllocationGivesTwoShipments() throws {
        let plans = try ShipmentPlanner.plan(Self.order(
            lines: [(1, "BOLT", 10), (2, "NUT", 5)],
            allocations: [("HAM", "BOLT", 6), ("MUC", "BOLT", 4), ("HAM", "NUT", 5)]
        ))
        #expect(plans == [
            ShipmentPlan(warehouse: "HAM", lines: [ShipmentLineState(lineNumber: 1, sku: "BOLT", quantity: 6), ShipmentLineState(lineNumber: 2, sku: "NUT", quantity: 5)]),
            ShipmentPlan(warehouse: "MUC", lines: [ShipmentLineState(lineNumber: 1, sku: "BOLT", quantity: 4)]),
        ])
    }

    @Test("one SKU on two lines is split over them in line order")
    func repeatedSKUFillsLinesInOrder() throws {
        let plans = try ShipmentPlanner.plan(Self.order(lines: [(1, "BOLT", 3), (2, "BOLT", 4)], allocations: [("HAM", "BOLT", 7)]))
        #expect(plans.first?.lines == [ShipmentLineState(lineNumber: 1, sku: "BOLT", quantity: 3), ShipmentLineState(lineNumber: 2, sku: "BOLT", quantity: 4)])
    }

    @Test("an allocation of a SKU the order does not have is a mismatch")
    func unknownSKUIsMismatch() {
        #expect(throws: ShipmentPlanner.Mismatch.self) {
            try ShipmentPlanner.plan(Self.order(lines: [(1, "BOLT", 3)], allocations: [("HAM", "NUT", 1)]))
        }
    }

    @Test("more units allocated than ordered is a mismatch")
    func overAllocationIsMismatch() {
        #expect(throws: ShipmentPlanner.Mismatch.self) {
            try ShipmentPlanner.plan(Self.order(lines: [(1, "BOLT", 3)], allocations: [("HAM", "BOLT", 2), ("MUC", "BOLT", 2)]))
        }
    }
}
