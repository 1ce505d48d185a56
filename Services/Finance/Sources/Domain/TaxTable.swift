import Contracts
import Foundation

/// The built-in ``TaxCalculator``: a table of rates by region and product tax class.
///
/// **Lookup.** For each line, the regions from ``TaxRegion/candidates(for:)`` are tried most specific first
/// (`US-NY`, then `US`); the first region with a rate for the line's tax class wins. Regions compare uppercased,
/// tax classes lowercased, both trimmed. When the table lists the same region and class twice, the later row wins.
///
/// **Rounding (the rule invoices follow).** The exact tax of an amount is `net × rate / 100`, computed without
/// any intermediate rounding, then rounded **half away from zero** to the currency's minor unit (0.5 yen → 1 yen,
/// 0.005 EUR → 0.01 EUR, 0.0005 KWD → 0.001 KWD; negative amounts mirror positive ones). Where that rounding
/// happens depends on ``TaxRoundingRule``:
/// - ``TaxRoundingRule/perLine``: each line's tax is rounded on its own; the invoice tax is the sum of the
///   line taxes.
/// - ``TaxRoundingRule/perInvoice``: lines are grouped by (region, rate); each group's tax is `Σ net × rate / 100`
///   rounded once. That group tax is distributed to the group's lines by the largest-remainder method: every
///   line first gets its exact tax rounded down, then the minor units still missing go one each to the lines
///   with the largest fractional remainders (ties: lower line number first, then input order). The line taxes
///   of a group therefore add up exactly to the group tax. (A group whose net sum is negative is computed as
///   the mirror image of the positive case, so signs never change the result's magnitude.)
public struct TaxTable: TaxCalculator {
    /// The rows the table was built from, in the order given.
    public let rates: [TaxRate]
    /// Where tax is rounded.
    public let rounding: TaxRoundingRule

    private struct Key: Hashable {
        let region: String
        let taxClass: String
    }

    private struct Entry {
        let rate: TaxRate
        let region: String
        let exact: ExactPercent?
    }

    private let entries: [Key: Entry]

    public init(rates: [TaxRate], rounding: TaxRoundingRule) {
        self.rates = rates
        self.rounding = rounding
        var entries: [Key: Entry] = [:]
        for rate in rates {
            let region = TaxRegion.normalized(rate.region)
            entries[Key(region: region, taxClass: Self.normalizedClass(rate.taxClass))] =
                Entry(rate: rate, region: region, exact: ExactPercent(rate.ratePercent))
        }
        self.entries = entries
    }

    /// The rate that applies to `taxClass` for delivery to `shipTo`, or nil when none is configured.
    public func rate(for taxClass: String, shipTo: PostalAddress) -> TaxRate? {
        let taxClass = Self.normalizedClass(taxClass)
        for region in TaxRegion.candidates(for: shipTo) {
            if let entry = entries[Key(region: region, taxClass: taxClass)] { return entry.rate }
        }
        return nil
    }

    public func tax(lines: [TaxableLine], shipTo: PostalAddress) throws(TaxCalculationError) -> [LineTax] {
        guard let currency = lines.first?.net.currency else { return [] }
        guard lines.allSatisfy({ $0.net.currency == currency }) else { throw .mixedCurrencies }
        let regions = TaxRegion.candidates(for: shipTo)

        var resolved: [(entry: Entry, exact: ExactPercent, numerator: Int128)] = []
        resolved.reserveCapacity(lines.count)
        for line in lines {
            let taxClass = Self.normalizedClass(line.taxClass)
            guard let entry = regions.lazy.compactMap({ entries[Key(region: $0, taxClass: taxClass)] }).first else {
                throw .noRate(regions: regions, taxClass: line.taxClass)
            }
            guard let exact = entry.exact else {
                throw .invalidRate(region: entry.region, taxClass: entry.rate.taxClass, ratePercent: entry.rate.ratePercent)
            }
            guard let numerator = exact.numerator(forMinorUnits: line.net.minorUnits) else { throw .overflow }
            resolved.append((entry, exact, numerator))
        }

        var taxes: [Int128]
        switch rounding {
        case .perLine:
            taxes = resolved.map { ExactPercent.roundedHalfAwayFromZero($0.numerator, over: $0.exact.denominator) }
        case .perInvoice:
            taxes = [Int128](repeating: 0, count: lines.count)
            var groups: [GroupKey: [Int]] = [:]
            var groupOrder: [GroupKey] = []
            for (index, item) in resolved.enumerated() {
                let key = GroupKey(region: item.entry.region, rate: item.exact)
                if groups[key] == nil { groupOrder.append(key) }
                groups[key, default: []].append(index)
            }
            for key in groupOrder {
                let members = groups[key] ?? []
                let shares = try Self.distribute(
                    numerators: members.map { resolved[$0].numerator },
                    lineNumbers: members.map { lines[$0].lineNumber },
                    denominator: key.rate.denominator
                )
                for (member, share) in zip(members, shares) { taxes[member] = share }
            }
        }

        var result: [LineTax] = []
        result.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            guard let minorUnits = Int64(exactly: taxes[index]) else { throw .overflow }
            let entry = resolved[index].entry
            result.append(
                LineTax(
                    lineNumber: line.lineNumber, taxClass: line.taxClass, region: entry.region,
                    ratePercent: entry.rate.ratePercent, tax: Money(minorUnits: minorUnits, currency: currency)
                )
            )
        }
        return result
    }

    private struct GroupKey: Hashable {
        let region: String
        let rate: ExactPercent
    }

    /// Rounds the group's exact total once and splits it by largest remainder (see the type's documentation).
    /// Returns one share per numerator, in the same order.
    private static func distribute(
        numerators: [Int128], lineNumbers: [Int], denominator: Int128
    ) throws(TaxCalculationError) -> [Int128] {
        var total: Int128 = 0
        for numerator in numerators {
            let (sum, overflow) = total.addingReportingOverflow(numerator)
            guard !overflow else { throw .overflow }
            total = sum
        }
        // Int128.min has no positive mirror image; no real amount and rate come near it.
        guard total != .min, !numerators.contains(.min) else { throw .overflow }
        // Work on the mirror image of a negative group so that negative amounts round like positive ones.
        let sign: Int128 = total < 0 ? -1 : 1
        let groupTax = ExactPercent.roundedHalfAwayFromZero(total * sign, over: denominator)
        let floors = numerators.map { ExactPercent.flooredDivision($0 * sign, by: denominator) }
        var flooredSum: Int128 = 0
        for part in floors {
            let (sum, overflow) = flooredSum.addingReportingOverflow(part.quotient)
            guard !overflow else { throw .overflow }
            flooredSum = sum
        }
        // 0 ≤ missing ≤ number of lines with a non-zero remainder, because groupTax ≤ ⌈Σ exact⌉.
        let missing = Int(clamping: max(0, groupTax - flooredSum))
        let receivers = numerators.indices.sorted { left, right in
            if floors[left].remainder != floors[right].remainder {
                return floors[left].remainder > floors[right].remainder
            }
            if lineNumbers[left] != lineNumbers[right] { return lineNumbers[left] < lineNumbers[right] }
            return left < right
        }.prefix(missing)
        var shares = floors.map(\.quotient)
        for receiver in receivers { shares[receiver] += 1 }
        return shares.map { $0 * sign }
    }

    private static func normalizedClass(_ taxClass: String) -> String {
        taxClass.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
