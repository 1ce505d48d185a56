import Contracts
import Foundation

/// What an agreement break or a promotion does to a price.
public enum PriceAdjustment: Sendable, Hashable {
    /// The unit price is this amount, whatever the list says (a contract price; agreements only).
    case fixedPrice(Money)
    /// The unit price is reduced by this percentage (greater than 0, at most 100), e.g. `12.5`.
    case percentOff(Decimal)
    /// The unit price is reduced by this amount per unit (never below zero).
    case amountOff(Money)

    /// The adjusted unit price, rounded half-even to the currency's minor units.
    /// - Throws: ``PricingError/amountTooLarge`` when the arithmetic overflows; ``PricingError/currencyMismatch``
    ///   when a fixed price or amount is in another currency than `price`.
    public func apply(to price: Money) throws(PricingError) -> Money {
        switch self {
        case .fixedPrice(let fixed):
            guard fixed.currency == price.currency else { throw .currencyMismatch(expected: price.currency, found: fixed.currency) }
            return fixed
        case .percentOff(let percent):
            if let millionths = Self.millionths(ofPercent: percent) {
                return Money(minorUnits: Self.reduce(price.minorUnits, keepingMillionths: 1_000_000 - millionths), currency: price.currency)
            }
            // More than 4 decimals (imports never allow it): exact Decimal arithmetic, slower.
            let factor = (Decimal(100) - percent) / Decimal(100)
            do throws(MoneyError) {
                return try Money(rounding: price.decimalAmount * factor, currency: price.currency, mode: .halfEven)
            } catch {
                throw .amountTooLarge
            }
        case .amountOff(let amount):
            guard amount.currency == price.currency else { throw .currencyMismatch(expected: price.currency, found: amount.currency) }
            let (reduced, overflow) = price.minorUnits.subtractingReportingOverflow(amount.minorUnits)
            guard !overflow else { throw .amountTooLarge }
            return Money(minorUnits: max(reduced, 0), currency: price.currency)
        }
    }

    /// The currency a fixed price or amount is in; nil for a percentage (which fits every currency).
    public var currency: Currency? {
        switch self {
        case .fixedPrice(let money), .amountOff(let money): money.currency
        case .percentOff: nil
        }
    }

    /// `percent` in millionths of the whole (12.5 % → 125,000), when it is 0…100 with at most 4 decimals —
    /// read from the Decimal's significand and exponent, because Decimal arithmetic dominated the quote's cost.
    static func millionths(ofPercent percent: Decimal) -> Int64? {
        guard percent.isFinite, percent >= 0, percent <= 100 else { return nil }
        guard percent != 0 else { return 0 }
        // percent = significand × 10^exponent, the significand a whole number.
        let shift = percent.exponent + 4
        guard (0...6).contains(shift) else { return nil }
        let significand = NSDecimalNumber(decimal: percent.significand).int64Value
        var scaled = significand
        for _ in 0..<shift { scaled *= 10 }
        return scaled <= 1_000_000 && Decimal(scaled) == percent * 10_000 ? scaled : nil
    }

    /// `minorUnits × keep / 1,000,000`, rounded half-even, without overflow (a 128-bit intermediate).
    static func reduce(_ minorUnits: Int64, keepingMillionths keep: Int64) -> Int64 {
        let denominator: UInt64 = 1_000_000
        let product = minorUnits.magnitude.multipliedFullWidth(by: UInt64(keep))
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        var rounded = quotient
        if remainder * 2 > denominator || (remainder * 2 == denominator && quotient % 2 == 1) {
            rounded += 1
        }
        // keep ≤ 1,000,000, so the result never exceeds |minorUnits|.
        return minorUnits < 0 ? -Int64(rounded) : Int64(rounded)
    }
}
