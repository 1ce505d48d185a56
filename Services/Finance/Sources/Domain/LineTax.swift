import Contracts
import Foundation

/// The tax charged on one line, with the rate and the region it came from, so that an invoice shows (and an
/// auditor can recompute) which rate applied.
public struct LineTax: Sendable, Hashable, Codable {
    public var lineNumber: Int
    public var taxClass: String
    /// The region of the rate used, e.g. `"US"` when `"US-NY"` had no rate for the class and the country's did.
    public var region: String
    /// The rate used, in percent.
    public var ratePercent: Decimal
    /// The tax in the line's currency, rounded as the calculator's rule says.
    public var tax: Money

    public init(lineNumber: Int, taxClass: String, region: String, ratePercent: Decimal, tax: Money) {
        self.lineNumber = lineNumber
        self.taxClass = taxClass
        self.region = region
        self.ratePercent = ratePercent
        self.tax = tax
    }
}
