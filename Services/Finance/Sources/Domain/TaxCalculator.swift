import Contracts

/// Computes the tax on an invoice's lines. ``TaxTable`` is the built-in implementation; a real tax engine
/// (a vendor service with nexus rules and product taxability) replaces it behind this protocol.
public protocol TaxCalculator: Sendable {
    /// One ``LineTax`` per input line, in the same order. All lines share one currency.
    /// - Throws: ``TaxCalculationError`` when a line has no applicable rate, lines mix currencies, or an amount
    ///   does not fit.
    func tax(lines: [TaxableLine], shipTo: PostalAddress) throws(TaxCalculationError) -> [LineTax]
}
