import Contracts
import Foundation

/// The checks every import shares (ids, SKUs, money, percentages, periods), each returning an explanation
/// instead of throwing so a whole document is checked in one pass.
enum ImportFieldRules {
    /// Why a value is refused, as a sentence.
    struct Problem: Error, Sendable {
        var detail: String
        init(_ detail: String) { self.detail = detail }
    }

    /// Ids and SKUs: 1–64 characters, letters, digits and `-_.:/`; no spaces (they appear in URLs, CSV and logs).
    static let maximumIdentifierLength = 64

    static func identifierProblem(_ value: String, what: String) -> String? {
        if value.isEmpty { return "\(what) is empty" }
        if value.count > maximumIdentifierLength { return "\(what) is longer than \(maximumIdentifierLength) characters" }
        let allowed = value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"):
                true
            default:
                false
            }
        }
        return allowed ? nil : "\(what) \"\(value)\" may contain only letters, digits and - _ . : /"
    }

    /// A price: a decimal string with at most the currency's minor-unit digits, zero or more.
    static func price(_ text: String, currency: Currency) -> Result<Money, Problem> {
        do throws(MoneyError) {
            let money = try Money.parse(text, currency: currency)
            guard money.minorUnits >= 0 else { return .failure(Problem("\"\(text)\" is negative; prices are zero or more")) }
            return .success(money)
        } catch {
            return .failure(Problem("\"\(text)\" is not a \(currency.code) amount: write a decimal string such as \"\(Money(minorUnits: 1234, currency: currency).amountString)\" with at most \(currency.minorUnits) decimals"))
        }
    }

    /// A percentage: a decimal string greater than 0 and at most 100, e.g. `"12.5"`.
    static func percent(_ text: String) -> Result<Decimal, Problem> {
        guard isPercentText(text), let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            return .failure(Problem("\"\(text)\" is not a percentage such as \"12.5\" (a decimal string, at most 4 decimals)"))
        }
        guard value > 0, value <= 100 else { return .failure(Problem("\(text) % is outside 0 (exclusive) to 100 (inclusive)")) }
        return .success(value)
    }

    /// `(0|[1-9][0-9]{0,2})(\.[0-9]{1,4})?`, checked by hand: snapshot loads validate every stored agreement
    /// again, and a regex built per call dominated that.
    static func isPercentText(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let dot = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = bytes[..<(dot ?? bytes.endIndex)]
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard (1...3).contains(whole.count), whole.allSatisfy(isDigit) else { return false }
        guard whole.count == 1 || whole.first != UInt8(ascii: "0") else { return false }
        guard let dot else { return true }
        let fraction = bytes[(dot + 1)...]
        return (1...4).contains(fraction.count) && fraction.allSatisfy(isDigit)
    }

    /// A quantity break: a whole number from `minimum`.
    static func quantityProblem(_ quantity: Int, minimum: Int) -> String? {
        guard quantity >= minimum, quantity <= PriceCalculator.maximumQuantity else {
            return "\(quantity) is not a quantity from \(minimum) to \(PriceCalculator.maximumQuantity)"
        }
        return nil
    }

    /// The end of a period, when given, lies after its start.
    static func periodProblem(start: Date, end: Date?) -> String? {
        guard let end, end <= start else { return nil }
        return "the end must be after the start (the period is start inclusive, end exclusive)"
    }

    /// A currency code.
    static func currency(_ code: String) -> Result<Currency, Problem> {
        do throws(CurrencyError) {
            return .success(try Currency(code: code))
        } catch {
            return .failure(Problem("\"\(code)\" is not an ISO 4217 currency code"))
        }
    }
}
