import Foundation

/// X12 numeric text: `R` (explicit decimal point, e.g. `9.25`, `-3`, `.5`) read strictly into `Decimal` (never
/// through `Double`) and written without exponent.
public enum X12Number {
    /// The value of an `R` element: optional `-`, digits, optional `.` and digits; `nil` for anything else
    /// (exponents, grouping commas, spaces, `+`).
    public static func decimal(_ text: String) -> Decimal? {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        // Up to 18 digits accumulate in an integer (Decimal arithmetic per digit is slow); more go on in Decimal.
        var small: UInt64 = 0
        var significand = Decimal(0)
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        var count = 0
        for character in digits {
            if character == "." {
                guard !sawPoint else { return nil }
                sawPoint = true
                continue
            }
            guard let digit = character.asciiDigitValue else { return nil }
            sawDigit = true
            count += 1
            guard count <= 30 else { return nil }
            if count <= 18 {
                small = small * 10 + UInt64(digit)
                if count == 18 { significand = Decimal(small) }
            } else {
                significand = significand * 10 + Decimal(digit)
            }
            if sawPoint { fractionDigits += 1 }
        }
        guard sawDigit else { return nil }
        if count < 18 { significand = Decimal(small) }
        let value = Decimal(sign: .plus, exponent: -fractionDigits, significand: significand)
        return negative ? -value : value
    }

    /// The text of an `R` element for a value: plain digits with a `.` only when there is a fraction.
    public static func text(_ value: Decimal) -> String {
        var rounded = Decimal()
        var source = value
        NSDecimalRound(&rounded, &source, 0, .plain)
        if rounded == value { return integerText(rounded) }
        var text = "\(value)"
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// The digits of a whole `Decimal` (with `-` when negative), without exponent.
    static func integerText(_ value: Decimal) -> String {
        let text = "\(value)"
        // Foundation prints whole decimals in plain digits; guard against an exponent form all the same.
        if text.allSatisfy({ $0 == "-" || $0.isASCIIDigit }) { return text }
        var digits = ""
        var remaining = value < 0 ? -value : value
        repeat {
            var quotient = Decimal()
            var source = remaining / 10
            NSDecimalRound(&quotient, &source, 0, .down)
            let digit = remaining - quotient * 10
            digits = "\(NSDecimalNumber(decimal: digit).intValue)" + digits
            remaining = quotient
        } while remaining > 0
        return (value < 0 ? "-" : "") + digits
    }
}

extension Character {
    /// The value of an ASCII digit `0`...`9`, else `nil` (no other Unicode digits).
    var asciiDigitValue: Int? {
        guard let ascii = asciiValue, ascii >= 0x30, ascii <= 0x39 else { return nil }
        return Int(ascii - 0x30)
    }

    var isASCIIDigit: Bool { asciiDigitValue != nil }
}
