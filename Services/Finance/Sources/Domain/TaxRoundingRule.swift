/// Where tax is rounded to the currency's minor unit: per line, or once per invoice rate group.
///
/// The two rules can differ by a few minor units per invoice; jurisdictions and ERPs prescribe one, so it is a
/// setting rather than a choice made in code. ``TaxTable`` documents both exactly.
public enum TaxRoundingRule: String, Sendable, Hashable, Codable {
    /// Each line's tax is rounded on its own; the invoice tax is the sum of the line taxes.
    case perLine = "line"
    /// Lines with the same region and rate are summed and rounded once; the result is distributed back to the lines.
    case perInvoice = "invoice"
}
