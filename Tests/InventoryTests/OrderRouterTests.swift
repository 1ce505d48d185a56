import Contracts
import Testing
@testable import Inventory

/// ``OrderRouter``: one nearest warehouse if it can fill everything, else the fewest (then nearest) warehouses,
/// else every shortage; plus a seeded property test checked against brute force.
@Suite("Order router")
struct OrderRouterTests {
    /// Ship-to Munich ranks the fixture warehouses MUC (postal prefix), NUE (region), HAM (country), VIE
    /// (elsewhere) — not their id order (HAM, MUC, NUE, VIE).
    private static let munich = PostalAddress(lines: ["Marienplatz 1"], city: "München", region: "BY", postalCode: "80331", country: "DE")
    private let warehouses = [
        Warehouse(id: "W-VIE", country: "AT", regions: ["W"], postalPrefixes: ["1"]),
        Warehouse(id: "W-HAM", country: "DE", regions: ["HH"], postalPrefixes: ["20"]),
        Warehouse(id: "W-NUE", country: "DE", regions: ["BY"], postalPrefixes: ["90"]),
        Warehouse(id: "W-MUC", country: "DE", regions: ["BY"], postalPrefixes: ["80"]),
    ]

    private func route(
        _ lines: [(String, Int)],
        available: [String: [String: Int]],
        shipTo: PostalAddress? = munich,
        exactSearchLimit: Int = OrderRouter.defaultExactSearchLimit
    ) -> RoutingOutcome {
        OrderRouter.route(
            lines: lines.map { StockLine(sku: $0.0, quantity: $0.1) },
            shipTo: shipTo,
            available: available,
            warehouses: warehouses,
            exactSearchLimit: exactSearchLimit
        )
    }

    private func allocation(_ warehouse: String, _ sku: String, _ quantity: Int) -> Allocation {
        Allocation(warehouse: warehouse, sku: sku, quantity: quantity)
    }

    // MARK: - One warehouse

    @Test func nearestSingleWarehouseWinsOverAFartherOneThatCanAlsoFill() {
        let outcome = route([("A", 5), ("B", 2)], available: ["W-HAM": ["A": 10, "B": 10], "W-MUC": ["A": 5, "B": 2]])
        #expect(outcome == .allocated([allocation("W-MUC", "A", 5), allocation("W-MUC", "B", 2)]))
    }

    @Test func singleWarehouseBeatsASplitOverNearerOnes() {
        let outcome = route([("A", 5), ("B", 5)], available: ["W-MUC": ["A": 10], "W-NUE": ["B": 10], "W-VIE": ["A": 5, "B": 5]])
        #expect(outcome == .allocated([allocation("W-VIE", "A", 5), allocation("W-VIE", "B", 5)]))
    }

    @Test func equallyNearWarehousesAreChosenByLowestId() {
        let twins = [Warehouse(id: "W-2", country: "DE", regions: ["BY"]), Warehouse(id: "W-1", country: "DE", regions: ["BY"])]
        let outcome = OrderRouter.route(
            lines: [StockLine(sku: "A", quantity: 3)], shipTo: Self.munich,
            available: ["W-2": ["A": 3], "W-1": ["A": 3]], warehouses: twins
        )
        #expect(outcome == .allocated([allocation("W-1", "A", 3)]))
    }

    @Test func withoutShipToWarehousesAreChosenById() {
        let outcome = route([("A", 1)], available: ["W-MUC": ["A": 10], "W-HAM": ["A": 10]], shipTo: nil)
        #expect(outcome == .allocated([allocation("W-HAM", "A", 1)]))
    }

    @Test func duplicateSKULinesAreSummedBeforeRouting() {
        let outcome = route([("A", 4), ("A", 6)], available: ["W-MUC": ["A": 8], "W-HAM": ["A": 10]])
        #expect(outcome == .allocated([allocation("W-HAM", "A", 10)]))
    }

    // MARK: - Split

    @Test func splitsOverTwoWarehousesWhenNoSingleOneCan() {
        let outcome = route([("A", 3), ("B", 4)], available: ["W-MUC": ["A": 10], "W-HAM": ["B": 10]])
        #expect(outcome == .allocated([allocation("W-MUC", "A", 3), allocation("W-HAM", "B", 4)]))
    }

    @Test func fewestWarehousesBeatNearerButMore() {
        let outcome = route(
            [("A", 1), ("B", 1), ("C", 1)],
            available: ["W-MUC": ["A": 10], "W-NUE": ["B": 10], "W-HAM": ["C": 10], "W-VIE": ["A": 10, "B": 10]]
        )
        #expect(outcome == .allocated([allocation("W-HAM", "C", 1), allocation("W-VIE", "A", 1), allocation("W-VIE", "B", 1)]))
    }

    @Test func amongSplitsOfTheFewestWarehousesTheNearestWins() {
        let outcome = route(
            [("A", 2), ("B", 2)],
            available: ["W-MUC": ["A": 10], "W-NUE": ["B": 10], "W-HAM": ["B": 10], "W-VIE": ["A": 10]]
        )
        #expect(outcome == .allocated([allocation("W-MUC", "A", 2), allocation("W-NUE", "B", 2)]))
    }

    @Test func splitsCompareEveryWarehousesProximityBeforeIds() {
        // {W-B, W-A} starts with the lowest id but includes a country-only warehouse; {W-C, W-D} is regional twice.
        let candidates = [
            Warehouse(id: "W-A", country: "DE"),
            Warehouse(id: "W-B", country: "DE", regions: ["BY"]),
            Warehouse(id: "W-C", country: "DE", regions: ["BY"]),
            Warehouse(id: "W-D", country: "DE", regions: ["BY"]),
        ]
        let outcome = OrderRouter.route(
            lines: [StockLine(sku: "X", quantity: 10), StockLine(sku: "Y", quantity: 10)],
            shipTo: Self.munich,
            available: ["W-A": ["Y": 10], "W-B": ["X": 10], "W-C": ["X": 5, "Y": 5], "W-D": ["X": 5, "Y": 5]],
            warehouses: candidates
        )
        #expect(outcome == .allocated([
            allocation("W-C", "X", 5), allocation("W-C", "Y", 5), allocation("W-D", "X", 5), allocation("W-D", "Y", 5),
        ]))
    }

    @Test func aLineIsSplitAcrossWarehousesNearestFirst() {
        let outcome = route([("A", 15)], available: ["W-MUC": ["A": 6], "W-HAM": ["A": 10]])
        #expect(outcome == .allocated([allocation("W-MUC", "A", 6), allocation("W-HAM", "A", 9)]))
    }

    @Test func allocationsAreSortedByWarehouseRankingThenSKU() {
        let outcome = route([("C", 1), ("A", 1), ("B", 1)], available: ["W-HAM": ["A": 1], "W-NUE": ["C": 1, "B": 1]])
        #expect(outcome == .allocated([allocation("W-NUE", "B", 1), allocation("W-NUE", "C", 1), allocation("W-HAM", "A", 1)]))
    }

    // MARK: - Shortage

    @Test func shortageListsEveryShortSKUWithTotalsSortedBySKU() {
        let outcome = route(
            [("C", 2), ("B", 5), ("A", 30), ("D", 1)],
            available: ["W-MUC": ["A": 10, "B": 1], "W-HAM": ["A": 5, "C": 3]]
        )
        #expect(outcome == .shortage([
            Shortage(sku: "A", requested: 30, available: 15),
            Shortage(sku: "B", requested: 5, available: 1),
            Shortage(sku: "D", requested: 1, available: 0),
        ]))
    }

    @Test func availabilityOfAnUnknownWarehouseIsIgnored() {
        let outcome = route([("A", 1)], available: ["W-GHOST": ["A": 10]])
        #expect(outcome == .shortage([Shortage(sku: "A", requested: 1, available: 0)]))
    }

    // MARK: - Edge values

    @Test func negativeAvailabilityCountsAsZeroWhenAllocating() {
        let outcome = route([("A", 10)], available: ["W-MUC": ["A": -5], "W-HAM": ["A": 10]])
        #expect(outcome == .allocated([allocation("W-HAM", "A", 10)]))
    }

    @Test func negativeAvailabilityCountsAsZeroInShortageTotals() {
        let outcome = route([("A", 5)], available: ["W-MUC": ["A": -5], "W-HAM": ["A": 3]])
        #expect(outcome == .shortage([Shortage(sku: "A", requested: 5, available: 3)]))
    }

    @Test func skuWithNonPositiveQuantityGetsNoAllocation() {
        let outcome = route([("A", 0), ("B", -3), ("C", 2)], available: ["W-MUC": ["C": 2]])
        #expect(outcome == .allocated([allocation("W-MUC", "C", 2)]))
    }

    @Test func quantitiesSummingPastIntMaxSaturateInsteadOfTrapping() {
        let outcome = route([("A", .max), ("A", .max)], available: ["W-MUC": ["A": .max], "W-HAM": ["A": .max]])
        #expect(outcome == .allocated([allocation("W-MUC", "A", .max)]))
        let short = route([("A", .max), ("A", 1)], available: ["W-MUC": ["A": 5]])
        #expect(short == .shortage([Shortage(sku: "A", requested: .max, available: 5)]))
    }

    @Test func orderWithoutLinesIsAllocatedNothing() {
        #expect(route([], available: [:]) == .allocated([]))
    }

    // MARK: - Greedy fallback

    @Test func greedyFallbackDropsWarehousesTheOthersCanDoWithout() {
        // Greedy takes W-MUC (covers 12), then W-NUE (4, nearer than W-HAM's 4), then W-HAM; W-NUE and W-HAM alone suffice.
        let outcome = route(
            [("A", 10), ("B", 10)],
            available: ["W-MUC": ["A": 6, "B": 6], "W-NUE": ["A": 10], "W-HAM": ["B": 10]],
            exactSearchLimit: 0
        )
        #expect(outcome == .allocated([allocation("W-NUE", "A", 10), allocation("W-HAM", "B", 10)]))
    }

    @Test func greedyFallbackReturnsAValidAllocationForFortyWarehouses() throws {
        // No warehouse holds more than 10 of A, so A:35 needs at least 4 warehouses; C(40, 4) = 91,390 > 20,000.
        var random = SplitMix64(seed: 40)
        let countries = ["DE", "AT"]
        let regions = ["BY", "HH", "BW"]
        let many = (0..<40).map { index in
            Warehouse(
                id: "W-\(index)", country: countries[index % 2], regions: [regions[index % 3]],
                postalPrefixes: ["\(index % 10)"]
            )
        }
        var available: [String: [String: Int]] = [:]
        for warehouse in many {
            available[warehouse.id] = ["A": Int.random(in: 0...10, using: &random), "B": Int.random(in: -3...10, using: &random), "C": Int.random(in: 0...4, using: &random)]
        }
        let requested = ["A": 35, "B": 60, "C": 12]
        let lines = requested.map { StockLine(sku: $0.key, quantity: $0.value) }
        let outcome = OrderRouter.route(lines: lines, shipTo: Self.munich, available: available, warehouses: many)

        guard case .allocated(let allocations) = outcome else {
            Issue.record("expected an allocation, got \(outcome)")
            return
        }
        #expect(Dictionary(allocations.map { ($0.sku, $0.quantity) }, uniquingKeysWith: +) == requested)
        for allocation in allocations {
            #expect(allocation.quantity > 0)
            #expect(allocation.quantity <= available[allocation.warehouse]?[allocation.sku] ?? 0)
        }
        #expect(Set(allocations.map(\.warehouse)).count >= 4)
        #expect(OrderRouter.route(lines: lines.reversed(), shipTo: Self.munich, available: available, warehouses: many.reversed()) == outcome)
    }

    // MARK: - Property: random small instances against brute force

    @Test func randomInstancesAreRoutedValidlyOverTheFewestNearestWarehouses() throws {
        var random = SplitMix64(seed: 20_270_401)
        let addresses: [PostalAddress?] = [
            nil,
            Self.munich,
            PostalAddress(lines: ["Jungfernstieg 1"], city: "Hamburg", region: "HH", postalCode: "20095", country: "DE"),
            PostalAddress(lines: ["Stephansplatz 1"], city: "Wien", region: "W", postalCode: "1010", country: "AT"),
        ]
        let skuPool = ["A", "B", "C"]
        for _ in 0..<400 {
            let instance = RandomInstance(random: &random, addresses: addresses, skuPool: skuPool)
            let outcome = OrderRouter.route(
                lines: instance.lines, shipTo: instance.shipTo, available: instance.available, warehouses: instance.warehouses
            )
            try instance.verify(outcome)
        }
    }
}

/// One random routing problem with at most 6 warehouses, small enough to solve by trying every subset.
private struct RandomInstance: CustomStringConvertible {
    var warehouses: [Warehouse]
    var shipTo: PostalAddress?
    var lines: [StockLine]
    var available: [String: [String: Int]]

    init(random: inout SplitMix64, addresses: [PostalAddress?], skuPool: [String]) {
        let count = Int.random(in: 1...6, using: &random)
        warehouses = (0..<count).map { index in
            Warehouse(
                id: "W-\(index)",
                country: ["DE", "AT"].randomElement(using: &random) ?? "DE",
                regions: ["BY", "HH", "W"].filter { _ in Bool.random(using: &random) },
                postalPrefixes: ["8", "80", "803", "2", "1"].filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
            )
        }
        warehouses.shuffle(using: &random)
        shipTo = addresses.randomElement(using: &random) ?? nil
        lines = (0..<Int.random(in: 1...4, using: &random)).map { _ in
            StockLine(sku: skuPool.randomElement(using: &random) ?? "A", quantity: Int.random(in: 1...8, using: &random))
        }
        var available: [String: [String: Int]] = [:]
        for warehouse in warehouses {
            for sku in skuPool where Int.random(in: 0..<4, using: &random) > 0 {
                available[warehouse.id, default: [:]][sku] = Int.random(in: -2...8, using: &random)
            }
        }
        self.available = available
    }

    var description: String { "shipTo: \(String(describing: shipTo)), lines: \(lines), available: \(available), warehouses: \(warehouses)" }

    func verify(_ outcome: RoutingOutcome) throws {
        let requested = Dictionary(lines.map { ($0.sku, $0.quantity) }, uniquingKeysWith: +)
        func units(_ warehouse: String, _ sku: String) -> Int { max(available[warehouse]?[sku] ?? 0, 0) }
        let totals = requested.keys.map { sku in (sku, warehouses.reduce(0) { $0 + units($1.id, sku) }) }
        let expectedShortages = totals
            .filter { sku, total in total < requested[sku, default: 0] }
            .map { sku, total in Shortage(sku: sku, requested: requested[sku, default: 0], available: total) }
            .sorted { $0.sku < $1.sku }

        switch outcome {
        case .shortage(let shortages):
            #expect(!expectedShortages.isEmpty, "shortage although every SKU suffices: \(self)")
            #expect(shortages == expectedShortages, "\(self)")
        case .allocated(let allocations):
            #expect(expectedShortages.isEmpty, "allocated although short: \(self)")
            #expect(Dictionary(allocations.map { ($0.sku, $0.quantity) }, uniquingKeysWith: +) == requested, "\(self)")
            for allocation in allocations {
                #expect(allocation.quantity > 0, "\(self)")
                #expect(allocation.quantity <= units(allocation.warehouse, allocation.sku), "\(self)")
            }
            let used = Set(allocations.map(\.warehouse))
            let best = try #require(nearestSmallestFeasibleSet(requested: requested, units: units), "\(self)")
            #expect(used.count == best.count, "not the fewest warehouses: \(self)")
            #expect(used == best, "not the nearest of the fewest warehouses: \(self)")
            let rankings = allocations.map { allocation in
                WarehouseRanking(warehouses.first { $0.id == allocation.warehouse } ?? Warehouse(id: "", country: ""), shipTo: shipTo)
            }
            let sortKeys = zip(rankings, allocations).map { ($0, $1.sku) }
            #expect(zip(sortKeys, sortKeys.dropFirst()).allSatisfy { $0 < $1 }, "allocations not sorted: \(self)")
        }
    }

    /// Tries every subset: the feasible ones of the smallest size, nearest by sorted proximities, then ids.
    private func nearestSmallestFeasibleSet(requested: [String: Int], units: (String, String) -> Int) -> Set<String>? {
        var best: [WarehouseRanking]?
        for mask in 1..<(1 << warehouses.count) {
            let subset = warehouses.indices.filter { mask & (1 << $0) != 0 }.map { warehouses[$0] }
            let feasible = requested.allSatisfy { sku, quantity in subset.reduce(0) { $0 + units($1.id, sku) } >= quantity }
            guard feasible else { continue }
            let ranked = subset.map { WarehouseRanking($0, shipTo: shipTo) }.sorted()
            guard let current = best else { best = ranked; continue }
            if ranked.count != current.count {
                if ranked.count < current.count { best = ranked }
                continue
            }
            let proximities = (ranked.map(\.proximity), current.map(\.proximity))
            if proximities.0 != proximities.1 {
                if proximities.0.lexicographicallyPrecedes(proximities.1) { best = ranked }
            } else if ranked.map(\.warehouseID).lexicographicallyPrecedes(current.map(\.warehouseID)) {
                best = ranked
            }
        }
        return best.map { Set($0.map(\.warehouseID)) }
    }
}

/// A small seeded generator (SplitMix64) so that random instances are the same on every run.
private struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
