import Foundation

/// An X12 `N0`..`N4` number: digits with an implied decimal point, e.g. `TDS*255438` in `N2` is 2554.38.
///
/// Writing refuses a value with more fraction digits than the type allows instead of rounding money silently.
public struct ImpliedDecimal: Sendable, Hashable, CustomStringConvertible {
    /// How many decimals are implied.
    public enum Precision: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case n0 = 0, n1, n2, n3, n4

        public var description: String { "N\(rawValue)" }
    }

    /// The number.
    public let value: Decimal
    /// The element type it is written as.
    public let precision: Precision

    /// A value to write; throws when it has more fraction digits than `precision` allows (12.345 as `N2`).
    public init(_ value: Decimal, precision: Precision) throws(ImpliedDecimalError) {
        var scaled = value
        for _ in 0..<precision.rawValue { scaled *= 10 }
        var whole = Decimal()
        var source = scaled
        NSDecimalRound(&whole, &source, 0, .plain)
        guard whole == scaled else { throw .tooManyDecimals(value: value, precision: precision) }
        self.value = value
        self.precision = precision
    }

    /// Reads element text: optional `-` then digits only (no decimal point: it is implied).
    public init(parsing text: String, precision: Precision) throws(ImpliedDecimalError) {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.count <= 30, digits.allSatisfy(\.isASCIIDigit) else {
            throw .notANumber(text: text, precision: precision)
        }
        var significand = Decimal(0)
        for character in digits { significand = significand * 10 + Decimal(character.asciiDigitValue ?? 0) }
        let magnitude = Decimal(sign: .plus, exponent: -precision.rawValue, significand: significand)
        self.value = negative ? -magnitude : magnitude
        self.precision = precision
    }

    /// The element text: the value times 10^decimals, e.g. `255438` for 2554.38 in `N2`, `-1250` for -12.50.
    public var text: String {
        var scaled = value
        for _ in 0..<precision.rawValue { scaled *= 10 }
        var whole = Decimal()
        NSDecimalRound(&whole, &scaled, 0, .plain)
        return X12Number.integerText(whole)
    }

    public var description: String { "\(value) (\(precision) \"\(text)\")" }
}
