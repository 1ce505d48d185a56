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
}
