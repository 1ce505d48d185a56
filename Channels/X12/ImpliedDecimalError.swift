import Foundation

/// Why a number cannot be read or written as an implied-decimal `N` element.
public enum ImpliedDecimalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not an optional `-` followed by digits.
    case notANumber(text: String, precision: ImpliedDecimal.Precision)
    /// The value has more fraction digits than the element allows; round it explicitly first.
    case tooManyDecimals(value: Decimal, precision: ImpliedDecimal.Precision)

    public var description: String {
        switch self {
        case .notANumber(let text, let precision):
            "\"\(text)\" is not an \(precision) number: expected digits with an optional leading minus and no decimal point"
        case .tooManyDecimals(let value, let precision):
            "\(value) has more than \(precision.rawValue) decimals, so it cannot be written as \(precision) without "
                + "rounding; round it to \(precision.rawValue) decimals first"
        }
    }
}
