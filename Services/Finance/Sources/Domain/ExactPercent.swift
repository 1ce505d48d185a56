import Foundation

/// A percentage held as an exact integer fraction, `units / 10^scale` percent, so that `amount × rate / 100`
/// is computed in integers and rounded exactly once, where the rounding rule says.
///
/// `Decimal` arithmetic would also be exact for ordinary rates, but it cannot give the exact remainders that the
/// largest-remainder distribution of a rounded invoice tax needs; 128-bit integers can.
struct ExactPercent: Hashable, Sendable {
    /// The rate's digits without the decimal point: 8875 for 8.875 %. No trailing fractional zeros.
    let units: Int128
    /// How many of those digits are fractional: 3 for 8.875 %.
    let scale: Int
    /// `100 × 10^scale`: dividing `minorUnits × units` by it gives the tax in minor units.
    let denominator: Int128

    /// Fails for `NaN`, and for a rate whose digits do not fit (more than about 36 significant digits).
    init?(_ percent: Decimal) {
        guard percent.isFinite else { return nil }
        var text = Substring(percent.description)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts[0]
        var fractionPart = parts.count > 1 ? parts[1] : ""
        while fractionPart.last == "0" { fractionPart = fractionPart.dropLast() }
        let digits = integerPart + fractionPart
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        var units: Int128 = 0
        for digit in digits.utf8 {
            let (times10, overflow1) = units.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int128(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            units = sum
        }
        var denominator: Int128 = 100
        for _ in 0..<fractionPart.count {
            let (times10, overflow) = denominator.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            denominator = times10
        }
        self.units = negative ? -units : units
        self.scale = fractionPart.count
        self.denominator = denominator
    }

    /// `minorUnits × units`: the exact tax in minor units times ``denominator``; nil when it does not fit.
    func numerator(forMinorUnits minorUnits: Int64) -> Int128? {
        let (product, overflow) = Int128(minorUnits).multipliedReportingOverflow(by: units)
        return overflow ? nil : product
    }

    /// `numerator / denominator` rounded half away from zero (so symmetric for negative amounts).
    /// `denominator` must be positive.
    static func roundedHalfAwayFromZero(_ numerator: Int128, over denominator: Int128) -> Int128 {
        let quotient = numerator / denominator
        let remainder = (numerator % denominator).magnitude
        // `remainder >= denominator - remainder` is `2 × remainder >= denominator` without overflowing.
        guard remainder >= denominator.magnitude - remainder else { return quotient }
        return numerator < 0 ? quotient - 1 : quotient + 1
    }

    /// `numerator / denominator` rounded toward negative infinity, and the remainder in `0..<denominator`.
    /// `denominator` must be positive.
    static func flooredDivision(_ numerator: Int128, by denominator: Int128) -> (quotient: Int128, remainder: Int128) {
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        return remainder < 0 ? (quotient - 1, remainder + denominator) : (quotient, remainder)
    }
}
