/// Why a money operation or amount was rejected.
public enum MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Adding, subtracting or comparing amounts in different currencies; convert first.
    case currencyMismatch(Currency, Currency)
    /// The result does not fit in 64-bit minor units.
    case overflow(operation: String)
    /// The text is not a plain decimal number such as `12.34` or `-0.5`.
    case invalidAmount(String)
    /// The amount has more fractional digits than the currency has minor units and no rounding was asked for.
    case tooManyFractionDigits(String, currency: Currency)

    public var description: String {
        switch self {
        case .currencyMismatch(let left, let right):
            "cannot combine \(left.code) and \(right.code) amounts; convert to one currency first"
        case .overflow(let operation):
            "money \(operation) overflows 64-bit minor units"
        case .invalidAmount(let text):
            "amount \"\(text)\" is not a decimal string; expected digits with an optional leading '-' and '.', e.g. \"12.34\" (no exponent, no '+', no grouping)"
        case .tooManyFractionDigits(let text, let currency):
            "amount \"\(text)\" has more than \(currency.minorUnits) fractional digit(s), the minor units of \(currency.code); pass a rounding mode to round it"
        }
    }
}
