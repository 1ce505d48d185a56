import Contracts
import Foundation

/// Why a line cannot be priced. Each case maps to a line-level problem over HTTP and a reason in
/// `pricing.order.rejected.v1`.
public enum PricingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No price list, in any currency or period, has the SKU.
    case unknownSKU(String)
    /// Price lists know the SKU, but none in `currency` is in force at the instant and has it.
    case noPrice(sku: String, currency: Currency, at: Date)
    /// No price list at all is in the currency.
    case noPriceList(Currency)
    /// The quantity is zero, negative or above ``PriceCalculator/maximumQuantity``.
    case invalidQuantity(Int)
    /// The amount does not fit (more than 9.2 × 10^18 minor units).
    case amountTooLarge
    /// A fixed price or amount is in another currency than the price it adjusts (an import would have refused it).
    case currencyMismatch(expected: Currency, found: Currency)

    /// A stable code for clients and event consumers.
    public var code: String {
        switch self {
        case .unknownSKU: "unknown-sku"
        case .noPrice: "no-price"
        case .noPriceList: "no-price-list"
        case .invalidQuantity: "invalid-quantity"
        case .amountTooLarge: "amount-too-large"
        case .currencyMismatch: "currency-mismatch"
        }
    }

    public var description: String {
        switch self {
        case .unknownSKU(let sku):
            "SKU \(sku) is on no price list; import a price list that contains it"
        case .noPrice(let sku, let currency, let at):
            "SKU \(sku) has no \(currency.code) price in force at \((try? StableJSON.string(from: at)) ?? "\(at)"); import or extend a \(currency.code) price list with it"
        case .noPriceList(let currency):
            "no price list is in \(currency.code); quote in a currency that has one, or import a \(currency.code) list"
        case .invalidQuantity(let quantity):
            "quantity \(quantity) is not allowed; use a whole number from 1 to \(PriceCalculator.maximumQuantity)"
        case .amountTooLarge:
            "the amount is too large to represent; split the line"
        case .currencyMismatch(let expected, let found):
            "an amount in \(found.code) cannot adjust a price in \(expected.code)"
        }
    }
}
