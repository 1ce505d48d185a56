import Foundation

/// An exact amount of money: an integer count of the currency's minor units (cents for EUR, yen for JPY,
/// fils for BHD) and the currency.
///
/// Never floating point: amounts are parsed from and written as decimal strings, arithmetic is integer
/// and overflow-checked (every operation throws ``MoneyError`` rather than trapping), and combining two
/// currencies is an error rather than a silent mix-up.
///
/// JSON form: `{"amount":"12.34","currency":"EUR"}` — `amount` is a string with exactly the currency's
/// minor-unit digits when encoded; decoding accepts fewer fractional digits (`"12.3"`, `"12"`) but rejects
/// JSON numbers, malformed strings, more fractional digits than the currency has, and unknown currencies.
/// `money.v1.schema.json` describes it.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// How to round an amount that has more fractional digits than the currency's minor units.
    public enum RoundingMode: Sendable, Hashable {
        /// To the nearest minor unit; ties to the even one ("banker's rounding", IEEE 754 default).
        case halfEven
        /// To the nearest minor unit; ties away from zero (commercial rounding).
        case halfAwayFromZero
        /// Drop the extra digits (truncate toward zero).
        case towardZero
    }

    /// The amount as an integer count of minor units, e.g. 1234 for 12.34 EUR.
    public let minorUnits: Int64
    /// The currency the amount is in.
    public let currency: Currency

    /// An amount given in minor units.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in a currency.
    public static func zero(_ currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    /// Parses an exact decimal string such as `"12.34"`, `"-0.5"` or `"12"`.
    ///
    /// Grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?` — no `+`, exponent, spaces or digit grouping.
    /// - Throws: ``MoneyError/tooManyFractionDigits(_:currency:)`` when the text has more fractional digits
    ///   than the currency's minor units (even trailing zeros: an amount with more precision than the
    ///   currency has is treated as a mistake upstream); ``MoneyError/invalidAmount(_:)``;
    ///   ``MoneyError/overflow(operation:)``.
    public static func parse(_ text: String, currency: Currency) throws(MoneyError) -> Money {
        try DecimalText(parsing: text).money(in: currency, rounding: nil)
    }

    /// Parses a decimal string, rounding extra fractional digits with the given mode.
    public static func parse(_ text: String, currency: Currency, rounding mode: RoundingMode) throws(MoneyError) -> Money {
        try DecimalText(parsing: text).money(in: currency, rounding: mode)
    }

    /// Converts a `Decimal` exactly, failing if it has more fractional digits than the currency allows.
    public init(exactly amount: Decimal, currency: Currency) throws(MoneyError) {
        self = try DecimalText(decimal: amount).money(in: currency, rounding: nil)
    }

    /// Converts a `Decimal` (e.g. a price times a discount rate), rounding to the currency's minor units.
    public init(rounding amount: Decimal, currency: Currency, mode: RoundingMode) throws(MoneyError) {
        self = try DecimalText(decimal: amount).money(in: currency, rounding: mode)
    }

    /// The amount as an exact `Decimal`, e.g. 12.34.
    public var decimalAmount: Decimal {
        Decimal(sign: minorUnits < 0 ? .minus : .plus, exponent: -currency.minorUnits, significand: Decimal(minorUnits.magnitude))
    }

    /// The amount with exactly the currency's minor-unit digits: `"12.34"` (EUR), `"1234"` (JPY), `"1.234"` (BHD).
    public var amountString: String {
        let digits = String(minorUnits.magnitude)
        let sign = minorUnits < 0 ? "-" : ""
        let scale = currency.minorUnits
        guard scale > 0 else { return sign + digits }
        let padded = digits.count > scale ? digits : String(repeating: "0", count: scale - digits.count + 1) + digits
        return sign + padded.dropLast(scale) + "." + padded.suffix(scale)
    }

    /// `"12.34 EUR"`.
    public var description: String { "\(amountString) \(currency.code)" }

    /// Whether the amount is below zero.
    public var isNegative: Bool { minorUnits < 0 }

    /// Whether the amount is zero.
    public var isZero: Bool { minorUnits == 0 }

    // MARK: - Arithmetic

    /// The sum of two amounts in the same currency.
    public static func + (lhs: Money, rhs: Money) throws(MoneyError) -> Money {
        let currency = try sameCurrency(lhs, rhs)
        let (result, overflow) = lhs.minorUnits.addingReportingOverflow(rhs.minorUnits)
        guard !overflow else { throw .overflow(operation: "addition") }
        return Money(minorUnits: result, currency: currency)
    }

    /// The difference of two amounts in the same currency.
    public static func - (lhs: Money, rhs: Money) throws(MoneyError) -> Money {
        let currency = try sameCurrency(lhs, rhs)
        let (result, overflow) = lhs.minorUnits.subtractingReportingOverflow(rhs.minorUnits)
        guard !overflow else { throw .overflow(operation: "subtraction") }
        return Money(minorUnits: result, currency: currency)
    }

    /// The amount times an integer quantity (e.g. a unit price times the quantity ordered).
    public static func * (lhs: Money, quantity: some BinaryInteger) throws(MoneyError) -> Money {
        try lhs.multiplied(by: quantity)
    }

    /// The amount times an integer quantity.
    public static func * (quantity: some BinaryInteger, rhs: Money) throws(MoneyError) -> Money {
        try rhs.multiplied(by: quantity)
    }

    /// The amount times an integer quantity.
    public func multiplied(by quantity: some BinaryInteger) throws(MoneyError) -> Money {
        guard let factor = Int64(exactly: quantity) else { throw .overflow(operation: "multiplication") }
        let (result, overflow) = minorUnits.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw .overflow(operation: "multiplication") }
        return Money(minorUnits: result, currency: currency)
    }

    /// The amount with the opposite sign (e.g. a credit note for an invoice line).
    public func negated() throws(MoneyError) -> Money {
        let (result, overflow) = Int64(0).subtractingReportingOverflow(minorUnits)
        guard !overflow else { throw .overflow(operation: "negation") }
        return Money(minorUnits: result, currency: currency)
    }

    /// The sum of amounts that must all be in `currency` (zero for an empty sequence).
    public static func sum(_ amounts: some Sequence<Money>, in currency: Currency) throws(MoneyError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts {
            total = try total + amount
        }
        return total
    }

    /// Orders two amounts of the same currency; amounts in different currencies are not comparable.
    public func isLess(than other: Money) throws(MoneyError) -> Bool {
        _ = try Self.sameCurrency(self, other)
        return minorUnits < other.minorUnits
    }

    private static func sameCurrency(_ lhs: Money, _ rhs: Money) throws(MoneyError) -> Currency {
        guard lhs.currency == rhs.currency else { throw .currencyMismatch(lhs.currency, rhs.currency) }
        return lhs.currency
    }
}

extension Money: Codable {
    private enum CodingKeys: String, CodingKey {
        case amount, currency
    }

    /// Decodes `{"amount":"12.34","currency":"EUR"}`, rejecting numeric amounts and lossy or malformed ones.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try container.decode(Currency.self, forKey: .currency)
        let text: String
        do {
            text = try container.decode(String.self, forKey: .amount)
        } catch DecodingError.typeMismatch {
            throw DecodingError.dataCorruptedError(
                forKey: .amount, in: container,
                debugDescription: "amount must be a decimal string such as \"12.34\", never a JSON number (numbers lose precision)"
            )
        }
        do throws(MoneyError) {
            self = try Money.parse(text, currency: currency)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: error.description)
        }
    }

    /// Encodes `{"amount":"12.34","currency":"EUR"}` with exactly the currency's minor-unit digits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(amountString, forKey: .amount)
        try container.encode(currency, forKey: .currency)
    }
}
