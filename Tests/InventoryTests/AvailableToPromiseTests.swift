import Contracts
import Foundation
import Testing
@testable import Inventory

/// ``AvailableToPromise``: on hand − reserved now, plus inbound due by the date, per warehouse nearest first.
@Suite("Available to promise")
struct AvailableToPromiseTests {
    private static let day: TimeInterval = 86_400
    private let now = Date(timeIntervalSince1970: 1_800_000_000)
    private let munich = PostalAddress(lines: ["Marienplatz 1"], city: "München", region: "BY", postalCode: "80331", country: "DE")
    private let warehouses = [
        Warehouse(id: "W-HAMBURG", country: "DE", regions: ["HH"], postalPrefixes: ["20", "21", "22"]),
        Warehouse(id: "W-MUNICH", country: "DE", regions: ["BY"], postalPrefixes: ["80", "81"]),
        Warehouse(id: "W-VIENNA", country: "AT", regions: ["W"], postalPrefixes: ["1"]),
    ]

    private func compute(
        sku: String = "BOLT-M8",
        quantity: Int? = nil,
        date: Date? = nil,
        shipTo: PostalAddress? = nil,
        positions: [String: AvailableToPromise.Position],
        inbound: [InboundSupply] = []
    ) -> [WarehouseAvailability] {
        AvailableToPromise.compute(
            sku: sku, quantity: quantity, date: date, shipTo: shipTo,
            positions: positions, inbound: inbound, warehouses: warehouses, now: now
        )
    }

    private func supply(_ warehouse: String, _ quantity: Int, dueIn days: Double, sku: String = "BOLT-M8") -> InboundSupply {
        InboundSupply(warehouse: warehouse, sku: sku, quantity: quantity, expectedDate: now.addingTimeInterval(days * Self.day))
    }

    // MARK: - Now

    @Test func availableNowIsOnHandMinusReserved() {
        let rows = compute(positions: ["W-MUNICH": .init(onHand: 50, reserved: 12)])
        #expect(rows == [WarehouseAvailability(warehouse: "W-MUNICH", availableNow: 38, availableByDate: 38, canFill: nil)])
    }

    @Test func reservedAboveOnHandGivesZeroNow() {
        let rows = compute(positions: ["W-MUNICH": .init(onHand: 10, reserved: 15)])
        #expect(rows.map(\.availableNow) == [0])
        #expect(rows.map(\.availableByDate) == [0])
    }

    // MARK: - By date

    @Test func inboundDueExactlyOnTheDateCounts() {
        let rows = compute(
            date: now.addingTimeInterval(3 * Self.day),
            positions: ["W-MUNICH": .init(onHand: 5, reserved: 0)],
            inbound: [supply("W-MUNICH", 20, dueIn: 3)]
        )
        #expect(rows.map(\.availableNow) == [5])
        #expect(rows.map(\.availableByDate) == [25])
    }

    @Test func inboundDueADayAfterTheDateDoesNotCount() {
        let rows = compute(
            date: now.addingTimeInterval(3 * Self.day),
            positions: ["W-MUNICH": .init(onHand: 5, reserved: 0)],
            inbound: [supply("W-MUNICH", 20, dueIn: 4)]
        )
        #expect(rows.map(\.availableByDate) == [5])
    }

    @Test func inboundDueByTheDateIsSummed() {
        let rows = compute(
            date: now.addingTimeInterval(10 * Self.day),
            positions: ["W-MUNICH": .init(onHand: 1, reserved: 0)],
            inbound: [supply("W-MUNICH", 20, dueIn: 2), supply("W-MUNICH", 7, dueIn: 9), supply("W-MUNICH", 100, dueIn: 11)]
        )
        #expect(rows.map(\.availableByDate) == [28])
    }

    @Test func withoutDateOnlyInboundAlreadyDueCounts() {
        let rows = compute(
            positions: ["W-MUNICH": .init(onHand: 5, reserved: 0)],
            inbound: [supply("W-MUNICH", 3, dueIn: -2), supply("W-MUNICH", 4, dueIn: 0), supply("W-MUNICH", 100, dueIn: 0.5)]
        )
        #expect(rows.map(\.availableByDate) == [12])
    }

    @Test func dateInThePastMeansNow() {
        let rows = compute(
            date: now.addingTimeInterval(-5 * Self.day),
            positions: ["W-MUNICH": .init(onHand: 5, reserved: 0)],
            inbound: [supply("W-MUNICH", 3, dueIn: -2)]
        )
        #expect(rows.map(\.availableByDate) == [8])
    }

    @Test func reservedAboveOnHandDoesNotEatInbound() {
        let rows = compute(
            date: now.addingTimeInterval(Self.day),
            positions: ["W-MUNICH": .init(onHand: 10, reserved: 15)],
            inbound: [supply("W-MUNICH", 20, dueIn: 1)]
        )
        #expect(rows.map(\.availableByDate) == [20])
    }

    @Test func inboundOfOtherSKUsAndWarehousesIsIgnored() {
        let rows = compute(
            date: now.addingTimeInterval(Self.day),
            positions: ["W-MUNICH": .init(onHand: 5, reserved: 0)],
            inbound: [supply("W-MUNICH", 20, dueIn: 1, sku: "NUT-M8"), supply("W-UNKNOWN", 30, dueIn: 1)]
        )
        #expect(rows == [WarehouseAvailability(warehouse: "W-MUNICH", availableNow: 5, availableByDate: 5, canFill: nil)])
    }

    @Test func negativeInboundQuantityCountsAsZero() {
        let rows = compute(
            positions: ["W-MUNICH": .init(onHand: 5, reserved: 0)],
            inbound: [supply("W-MUNICH", -3, dueIn: 0)]
        )
        #expect(rows.map(\.availableByDate) == [5])
    }

    @Test func availableByDateSaturatesInsteadOfTrapping() {
        let rows = compute(
            positions: ["W-MUNICH": .init(onHand: .max, reserved: 0)],
            inbound: [supply("W-MUNICH", .max, dueIn: 0), supply("W-MUNICH", .max, dueIn: 0)]
        )
        #expect(rows.map(\.availableByDate) == [.max])
    }

    // MARK: - Which warehouses, in which order

    @Test func warehouseWithInboundButNoPositionIsListed() {
        let rows = compute(
            date: now.addingTimeInterval(2 * Self.day),
            positions: ["W-MUNICH": .init(onHand: 5, reserved: 0)],
            inbound: [supply("W-HAMBURG", 40, dueIn: 1), supply("W-VIENNA", 8, dueIn: 30)]
        )
        #expect(rows == [
            WarehouseAvailability(warehouse: "W-HAMBURG", availableNow: 0, availableByDate: 40, canFill: nil),
            WarehouseAvailability(warehouse: "W-MUNICH", availableNow: 5, availableByDate: 5, canFill: nil),
            WarehouseAvailability(warehouse: "W-VIENNA", availableNow: 0, availableByDate: 0, canFill: nil),
        ])
    }

    @Test func warehouseWithNeitherPositionNorInboundIsNotListed() {
        let rows = compute(positions: ["W-VIENNA": .init(onHand: 1, reserved: 0)])
        #expect(rows.map(\.warehouse) == ["W-VIENNA"])
    }

    @Test func positionOfUnknownWarehouseIsIgnored() {
        let rows = compute(positions: ["W-UNKNOWN": .init(onHand: 9, reserved: 0), "W-MUNICH": .init(onHand: 1, reserved: 0)])
        #expect(rows.map(\.warehouse) == ["W-MUNICH"])
    }

    @Test func warehousesAreOrderedNearestToTheShipToFirst() {
        let everywhere: [String: AvailableToPromise.Position] = [
            "W-HAMBURG": .init(onHand: 1, reserved: 0),
            "W-MUNICH": .init(onHand: 1, reserved: 0),
            "W-VIENNA": .init(onHand: 1, reserved: 0),
        ]
        let vienna = PostalAddress(lines: ["Stephansplatz 1"], city: "Wien", region: "W", postalCode: "1010", country: "AT")
        #expect(compute(shipTo: munich, positions: everywhere).map(\.warehouse) == ["W-MUNICH", "W-HAMBURG", "W-VIENNA"])
        #expect(compute(shipTo: vienna, positions: everywhere).map(\.warehouse) == ["W-VIENNA", "W-HAMBURG", "W-MUNICH"])
        #expect(compute(shipTo: nil, positions: everywhere).map(\.warehouse) == ["W-HAMBURG", "W-MUNICH", "W-VIENNA"])
    }

    // MARK: - Can fill

    @Test func canFillIsNilWithoutQuantity() {
        let rows = compute(positions: ["W-MUNICH": .init(onHand: 5, reserved: 0)])
        #expect(rows.map(\.canFill) == [nil])
    }

    @Test func canFillComparesTheQuantityWithAvailableByDate() {
        let positions: [String: AvailableToPromise.Position] = [
            "W-HAMBURG": .init(onHand: 9, reserved: 0),
            "W-MUNICH": .init(onHand: 10, reserved: 0),
        ]
        let rows = compute(quantity: 10, shipTo: munich, positions: positions)
        #expect(rows.map(\.warehouse) == ["W-MUNICH", "W-HAMBURG"])
        #expect(rows.map(\.canFill) == [true, false])
    }

    @Test func canFillCountsInboundDueByTheDate() {
        let rows = compute(
            quantity: 10,
            date: now.addingTimeInterval(Self.day),
            positions: ["W-MUNICH": .init(onHand: 4, reserved: 0)],
            inbound: [supply("W-MUNICH", 6, dueIn: 1)]
        )
        #expect(rows.map(\.canFill) == [true])
    }
}
