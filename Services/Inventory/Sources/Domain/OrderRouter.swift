import Contracts

/// Decides which warehouses fill an order, so that a reservation is all-or-nothing, ships from as few places as
/// possible, and ships from the nearest ones. Pure: no database, same input, same outcome.
///
/// Routing rules:
/// - Lines of the same SKU are summed. Callers validate that every line's quantity is at least 1 (the service
///   rejects the order otherwise); the router does not trap on other values: a SKU whose summed quantity is 0 or
///   less needs no units and gets no allocation, and an order that needs no units is allocated nothing.
/// - Available units below zero count as zero. Only the warehouses passed in are considered; availability for
///   any other warehouse id is ignored, and a warehouse id listed twice counts once (its nearest-ranked entry).
/// - Warehouses are ranked for the ship-to address by ``WarehouseRanking``: longest postal-prefix match, then
///   region, then country, then anything else; equally near warehouses by id.
/// - If any SKU's total available over all warehouses is below its requested total, the outcome is `.shortage`:
///   one shortage (SKU, requested, total available) for each such SKU, sorted by SKU. Nothing is allocated.
/// - If one warehouse can fill every line completely, the nearest such warehouse fills all of them.
/// - Otherwise the order is split over the fewest warehouses: combinations of 2, 3, … of the warehouses that hold
///   any of the requested SKUs are searched exhaustively, smallest size first. Among the feasible combinations of
///   the smallest size, the nearest wins: their rankings (proximity only, nearest first) compare
///   lexicographically, then their warehouse ids (in ranking order).
/// - The exhaustive search is capped: when a size has more than `exactSearchLimit` (default 20,000) combinations,
///   the router falls back to a greedy choice: it repeatedly takes the warehouse that covers the most remaining
///   units (nearest first on ties), then drops, farthest first, every chosen warehouse the others can do without.
///   Smaller sizes were searched exhaustively first, so the greedy choice is only made when no split over fewer
///   warehouses exists; it may use more warehouses than the minimum.
/// - Within the chosen warehouses each SKU is taken from the nearest warehouse first, then the next, so one line
///   may be split across warehouses. Allocations are sorted by warehouse ranking, then SKU, and never contain
///   zero quantities.
/// - Sums saturate at `Int.max` instead of trapping (an absurd quantity is then simply short).
public enum OrderRouter {
    /// Largest number of combinations of one size searched exhaustively before falling back to the greedy choice.
    public static let defaultExactSearchLimit = 20_000

    /// Routes `lines` for delivery to `shipTo`.
    /// - Parameters:
    ///   - available: warehouse id → SKU → units available to reserve (on hand − reserved).
    ///   - warehouses: the warehouses that may ship; their order does not matter.
    ///   - exactSearchLimit: see the rules above; only tests and benchmarks need another value.
    public static func route(
        lines: [StockLine],
        shipTo: PostalAddress?,
        available: [String: [String: Int]],
        warehouses: [Warehouse],
        exactSearchLimit: Int = defaultExactSearchLimit
    ) -> RoutingOutcome {
        var requestedBySKU: [String: Int] = [:]
        for line in lines {
            requestedBySKU[line.sku] = requestedBySKU[line.sku, default: 0].saturatingAdd(line.quantity)
        }
        let demand = requestedBySKU.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        let skus = demand.map(\.key)
        let needs = demand.map(\.value)
        guard !skus.isEmpty else { return .allocated([]) }

        var seenIDs = Set<String>()
        let rankedWarehouses = WarehouseRanking.order(warehouses, for: shipTo).filter { seenIDs.insert($0.id).inserted }
        let stock = rankedWarehouses.map { warehouse in
            skus.map { sku in max(available[warehouse.id]?[sku] ?? 0, 0) }
        }

        let shortages = skus.indices.compactMap { skuIndex -> Shortage? in
            let total = stock.reduce(0) { $0.saturatingAdd($1[skuIndex]) }
            guard total < needs[skuIndex] else { return nil }
            return Shortage(sku: skus[skuIndex], requested: needs[skuIndex], available: total)
        }
        guard shortages.isEmpty else { return .shortage(shortages) }

        let candidates = rankedWarehouses.indices.filter { index in stock[index].contains { $0 > 0 } }
        let search = Search(
            needs: needs,
            stock: candidates.map { stock[$0] },
            proximities: candidates.map { WarehouseRanking.proximity(of: rankedWarehouses[$0], to: shipTo) },
            ids: candidates.map { rankedWarehouses[$0].id }
        )
        let chosen = search.exactChoice(limit: exactSearchLimit) ?? search.greedyChoice()
        return .allocated(search.allocations(from: chosen, skus: skus))
    }

    /// The routing search over the candidate warehouses (those holding any requested SKU), nearest first.
    /// Warehouses are referred to by their position in that ranked list, so a sorted set of positions is in
    /// ranking order.
    private struct Search {
        /// Units requested, by SKU position.
        let needs: [Int]
        /// Units available (never negative), by warehouse position, then SKU position.
        let stock: [[Int]]
        let proximities: [WarehouseRanking.Proximity]
        let ids: [String]

        var warehouseCount: Int { stock.count }

        func isFeasible(_ chosen: [Int]) -> Bool {
            needs.indices.allSatisfy { skuIndex in
                chosen.reduce(0) { $0.saturatingAdd(stock[$1][skuIndex]) } >= needs[skuIndex]
            }
        }

        /// The nearest feasible combination of the smallest size, or nil when a size before a feasible one has
        /// more than `limit` combinations. A single warehouse is always searched, whatever the limit.
        func exactChoice(limit: Int) -> [Int]? {
            guard warehouseCount > 0 else { return [] }
            for size in 1...warehouseCount {
                if size > 1, Self.combinationCount(of: size, from: warehouseCount, exceeds: limit) {
                    return nil
                }
                if let best = nearestFeasibleCombination(size: size) { return best }
            }
            return nil
        }

        private func nearestFeasibleCombination(size: Int) -> [Int]? {
            var best: [Int]?
            var combination = Array(0..<size)
            while true {
                if isFeasible(combination), best.map({ isNearer(combination, than: $0) }) ?? true {
                    best = combination
                }
                // Advance to the next combination in lexicographic order of positions.
                var slot = size - 1
                while slot >= 0, combination[slot] == warehouseCount - size + slot { slot -= 1 }
                guard slot >= 0 else { return best }
                combination[slot] += 1
                for next in (slot + 1)..<size { combination[next] = combination[next - 1] + 1 }
            }
        }

        /// Compares two same-size combinations (sorted positions, hence nearest first): proximities
        /// lexicographically, then ids.
        private func isNearer(_ lhs: [Int], than rhs: [Int]) -> Bool {
            let lhsProximities = lhs.map { proximities[$0] }
            let rhsProximities = rhs.map { proximities[$0] }
            if lhsProximities != rhsProximities {
                return lhsProximities.lexicographicallyPrecedes(rhsProximities)
            }
            return lhs.map { ids[$0] }.lexicographicallyPrecedes(rhs.map { ids[$0] })
        }

        /// Takes the warehouse covering the most remaining units until nothing remains (nearest on ties), then
        /// drops the warehouses the others can do without, farthest first.
        func greedyChoice() -> [Int] {
            var remaining = needs
            var chosen: [Int] = []
            while remaining.contains(where: { $0 > 0 }) {
                var best: (position: Int, covered: Int)?
                for position in 0..<warehouseCount where !chosen.contains(position) {
                    let covered = remaining.indices.reduce(0) { $0.saturatingAdd(min(stock[position][$1], remaining[$1])) }
                    if covered > (best?.covered ?? 0) { best = (position, covered) }
                }
                guard let best else { break }
                chosen.append(best.position)
                for skuIndex in remaining.indices {
                    remaining[skuIndex] -= min(stock[best.position][skuIndex], remaining[skuIndex])
                }
            }
            chosen.sort()
            for position in chosen.reversed() {
                let without = chosen.filter { $0 != position }
                if isFeasible(without) { chosen = without }
            }
            return chosen
        }

        /// Fills each SKU from the chosen warehouses nearest first; sorted by warehouse ranking, then SKU.
        func allocations(from chosen: [Int], skus: [String]) -> [Allocation] {
            let ordered = chosen.sorted()
            var remaining = needs
            var taken = Array(repeating: Array(repeating: 0, count: skus.count), count: ordered.count)
            for skuIndex in skus.indices {
                for (slot, position) in ordered.enumerated() where remaining[skuIndex] > 0 {
                    let quantity = min(stock[position][skuIndex], remaining[skuIndex])
                    taken[slot][skuIndex] = quantity
                    remaining[skuIndex] -= quantity
                }
            }
            return ordered.enumerated().flatMap { slot, position in
                skus.indices.compactMap { skuIndex in
                    taken[slot][skuIndex] > 0
                        ? Allocation(warehouse: ids[position], sku: skus[skuIndex], quantity: taken[slot][skuIndex])
                        : nil
                }
            }
        }

        /// Whether choosing `size` of `count` has more than `limit` combinations (without overflowing).
        static func combinationCount(of size: Int, from count: Int, exceeds limit: Int) -> Bool {
            let smallerSide = min(size, count - size)
            guard smallerSide >= 0 else { return 0 > limit }
            var result = 1
            for step in 0..<smallerSide {
                let (product, overflow) = result.multipliedReportingOverflow(by: count - step)
                guard !overflow else { return true }  // beyond any sensible limit: fall back to greedy
                // C(count, step + 1) = C(count, step) · (count − step) / (step + 1), exactly; increasing up to
                // the smaller side, so exceeding early means exceeding at the end.
                result = product / (step + 1)
                if result > limit { return true }
            }
            return result > limit
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
