import Foundation

/// Why tax could not be computed for an invoice; the invoice is not issued until the cause is fixed.
public enum TaxCalculationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No rate is configured for the tax class in any of the regions tried (most specific first).
    case noRate(regions: [String], taxClass: String)
    /// The lines are not all in one currency; an invoice has exactly one currency.
    case mixedCurrencies
    /// An amount or a tax does not fit in 64-bit minor units, or a rate has too many fractional digits to
    /// compute with exactly.
    case overflow
    /// The configured rate is not a number (`NaN`) and cannot be applied.
    case invalidRate(region: String, taxClass: String, ratePercent: Decimal)

    public var description: String {
        switch self {
        case .noRate(let regions, let taxClass):
            if regions.isEmpty {
                "no tax rate for tax class \"\(taxClass)\": the ship-to address has no country to look a rate up for; send the ISO 3166-1 country code"
            } else {
                "no tax rate for tax class \"\(taxClass)\" in regions \(regions.joined(separator: ", ")) (tried in that order); configure a rate for class \"\(taxClass)\" in one of these regions (e.g. \(regions.last ?? "") for the whole country)"
            }
        case .mixedCurrencies:
            "the invoice lines are in more than one currency; an invoice has one currency, so invoice each currency separately"
        case .overflow:
            "tax computation overflows 64-bit minor units; an amount is too large or a rate has too many fractional digits (use at most a few decimals in rates)"
        case .invalidRate(let region, let taxClass, let ratePercent):
            "tax rate \(ratePercent) for class \"\(taxClass)\" in region \(region) is not a number; correct the rate in the tax table"
        }
    }
}
