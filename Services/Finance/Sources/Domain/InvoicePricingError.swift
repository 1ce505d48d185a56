import Contracts

/// Why a dispatch cannot be invoiced as sent; the dispatch event goes to the dead-letter queue with this text.
public enum InvoicePricingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A shipped line number is not a line of the priced order.
    case unknownLine(lineNumber: Int)
    /// Invoicing these units would bill more than was ordered.
    case overShipped(lineNumber: Int, shipped: Int, ordered: Int, invoiced: Int)
    /// A shipped quantity is zero or negative.
    case invalidQuantity(lineNumber: Int, quantity: Int)
    /// An amount or a quantity sum does not fit in 64 bits.
    case overflow
    /// The line's prices or earlier invoiced amounts are in different currencies.
    case currencyMismatch(lineNumber: Int, expected: Currency, found: Currency)
    /// The priced order lists the same line number twice, so it is ambiguous which price applies.
    case duplicatePricedLine(lineNumber: Int)

    public var description: String {
        switch self {
        case .unknownLine(let lineNumber):
            "shipped line \(lineNumber) is not a line of the priced order; check the dispatch against the confirmed order"
        case .overShipped(let lineNumber, let shipped, let ordered, let invoiced):
            "line \(lineNumber): shipping \(shipped) more unit(s) after \(invoiced) already invoiced exceeds the \(ordered) ordered; the dispatch or an earlier invoice is wrong and needs review"
        case .invalidQuantity(let lineNumber, let quantity):
            "line \(lineNumber): shipped quantity \(quantity) is not positive; a dispatch line must ship at least 1 unit"
        case .overflow:
            "invoice amounts overflow 64-bit minor units or quantities overflow; the dispatch quantities or prices are implausible"
        case .currencyMismatch(let lineNumber, let expected, let found):
            "line \(lineNumber): amounts in \(found.code) where the line is priced in \(expected.code); an order is invoiced in its one currency"
        case .duplicatePricedLine(let lineNumber):
            "the priced order lists line \(lineNumber) more than once; each order line must have a unique number"
        }
    }
}
