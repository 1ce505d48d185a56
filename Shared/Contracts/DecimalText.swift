import Foundation

/// A validated plain decimal string, split into sign, integer digits and fraction digits, and its exact
/// conversion to minor units. Shared by `Money.parse` and the `Decimal` initialisers so both follow one
/// grammar and one rounding implementation.
struct DecimalText {
    let text: String
    let isNegative: Bool
    let integerDigits: [UInt8]
    let fractionDigits: [UInt8]

    /// Accepts `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
    init(parsing text: String) throws(MoneyError) {
        var bytes = Array(text.utf8)[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let integerPart = bytes.prefix { $0 != UInt8(ascii: ".") }
        let rest = bytes.dropFirst(integerPart.count)
        let fractionPart = rest.dropFirst()
        guard !integerPart.isEmpty, integerPart.allSatisfy(Self.isDigit),
            integerPart.count == 1 || integerPart.first != UInt8(ascii: "0"),
            rest.isEmpty || (!fractionPart.isEmpty && fractionPart.allSatisfy(Self.isDigit))
        else { throw .invalidAmount(text) }
        self.text = text
        self.isNegative = negative
        self.integerDigits = integerPart.map { $0 - UInt8(ascii: "0") }
        self.fractionDigits = fractionPart.map { $0 - UInt8(ascii: "0") }
    }

    /// Uses `Decimal.description`, which is exact plain notation (never an exponent, `.` as separator).
    init(decimal: Decimal) throws(MoneyError) {
        guard decimal.isFinite else { throw .invalidAmount(decimal.description) }
        try self.init(parsing: decimal.description)
    }

    func money(in currency: Currency, rounding mode: Money.RoundingMode?) throws(MoneyError) -> Money {
        let scale = currency.minorUnits
        let kept = fractionDigits.prefix(scale)
        let dropped = fractionDigits.dropFirst(scale)
        if mode == nil, !dropped.isEmpty {
            throw .tooManyFractionDigits(text, currency: currency)
        }
        // Accumulate the magnitude in UInt64 so that Int64.min is reachable.
        var magnitude: UInt64 = 0
        let digits = integerDigits + kept + [UInt8](repeating: 0, count: scale - kept.count)
        for digit in digits {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (plusDigit, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { throw .overflow(operation: "parsing of \"\(text)\"") }
            magnitude = plusDigit
        }
        if let mode, let first = dropped.first,
            Self.roundsUp(magnitude: magnitude, firstDropped: first, restNonZero: dropped.dropFirst().contains { $0 != 0 }, mode: mode)
        {
            let (incremented, overflow) = magnitude.addingReportingOverflow(1)
            guard !overflow else { throw .overflow(operation: "rounding of \"\(text)\"") }
            magnitude = incremented
        }
        let minorUnits: Int64
        if isNegative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw .overflow(operation: "parsing of \"\(text)\"") }
            minorUnits = magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        } else {
            guard magnitude <= UInt64(Int64.max) else { throw .overflow(operation: "parsing of \"\(text)\"") }
            minorUnits = Int64(magnitude)
        }
        return Money(minorUnits: minorUnits, currency: currency)
    }

    /// Rounding acts on the magnitude, so "away from zero" and "toward zero" are symmetric for negatives.
    private static func roundsUp(magnitude: UInt64, firstDropped: UInt8, restNonZero: Bool, mode: Money.RoundingMode) -> Bool {
        switch mode {
        case .towardZero:
            false
        case .halfAwayFromZero:
            firstDropped >= 5
        case .halfEven:
            firstDropped > 5 || (firstDropped == 5 && (restNonZero || magnitude % 2 == 1))
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
