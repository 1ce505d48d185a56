import Foundation

/// One row of the tax table: the percentage charged in a region for a product tax class.
///
/// Rates live in a table (not code) because they change by law and differ per region; ``TaxTable`` looks them
/// up by the ship-to address and the line's tax class.
public struct TaxRate: Sendable, Hashable, Codable {
    /// `"US-NY"` (country-region), `"US"` (whole country) or `"DE"`; compared uppercased and trimmed.
    public var region: String
    /// The product tax class, e.g. `"standard"`, `"reduced"`, `"exempt"`; compared lowercased and trimmed.
    public var taxClass: String
    /// The rate in percent, e.g. `20`, `8.875` or `0`: exact (`Decimal`), never floating point.
    public var ratePercent: Decimal

    public init(region: String, taxClass: String, ratePercent: Decimal) {
        self.region = region
        self.taxClass = taxClass
        self.ratePercent = ratePercent
    }
}
