import Contracts
import Foundation
import Testing

@Suite("Money")
struct MoneyTests {
    // MARK: Parsing

    @Test(arguments: [
        ("12.34", Currency.EUR, Int64(1234)), ("12.3", .EUR, 1230), ("12", .EUR, 1200), ("0.05", .EUR, 5),
        ("-0.5", .EUR, -50), ("-0", .EUR, 0), ("1234", .JPY, 1234), ("1.234", .BHD, 1234), ("0.0001", .CLF, 1),
        ("92233720368547758.07", .EUR, .max), ("-92233720368547758.08", .EUR, .min),
    ])
    func parsesExactDecimalStrings(text: String, currency: Currency, minorUnits: Int64) throws {
        #expect(try Money.parse(text, currency: currency) == Money(minorUnits: minorUnits, currency: currency))
    }

    @Test(arguments: [("12.345", Currency.EUR), ("12.340", .EUR), ("12.0", .JPY), ("1.2345", .BHD)])
    func rejectsMoreFractionDigitsThanTheCurrencyHas(text: String, currency: Currency) {
        #expect(throws: MoneyError.tooManyFractionDigits(text, currency: currency)) {
            try Money.parse(text, currency: currency)
        }
    }

    @Test(arguments: ["", "-", "12.", ".5", "+1", "1e3", "1,000", " 12", "12 ", "012", "1.2.3", "--1", "١٢", "NaN", "0x10"])
    func rejectsMalformedAmounts(text: String) {
        #expect(throws: MoneyError.invalidAmount(text)) { try Money.parse(text, currency: .EUR) }
    }

    @Test(arguments: ["92233720368547758.08", "-92233720368547758.09", "99999999999999999999"])
    func rejectsAmountsBeyond64BitMinorUnits(text: String) {
        #expect(throws: MoneyError.self) { try Money.parse(text, currency: .EUR) }
    }

    @Test(arguments: [
        ("0.125", Money.RoundingMode.halfEven, Int64(12)), ("0.135", .halfEven, 14), ("0.1251", .halfEven, 13),
        ("-0.125", .halfEven, -12), ("-0.135", .halfEven, -14), ("0.124999", .halfEven, 12),
        ("0.125", .halfAwayFromZero, 13), ("-0.125", .halfAwayFromZero, -13), ("0.1249", .halfAwayFromZero, 12),
        ("0.129", .towardZero, 12), ("-0.129", .towardZero, -12), ("12.34", .halfEven, 1234),
    ])
    func roundsWhenAModeIsGiven(text: String, mode: Money.RoundingMode, minorUnits: Int64) throws {
        #expect(try Money.parse(text, currency: .EUR, rounding: mode).minorUnits == minorUnits)
    }

    @Test func roundingUpAtTheLimitOverflowsInsteadOfWrapping() {
        #expect(throws: MoneyError.self) {
            try Money.parse("92233720368547758.075", currency: .EUR, rounding: .halfAwayFromZero)
        }
    }

    @Test func decimalRoundingIsExactWhereDoubleWouldNotBe() throws {
        // 2.675 as a Double is 2.67499999…; as a Decimal it is an exact tie, which half-even rounds to 2.68.
        let money = try Money(rounding: Decimal(string: "2.675")!, currency: .EUR, mode: .halfEven)
        #expect(money.minorUnits == 268)
        #expect(try Money(rounding: Decimal(string: "2.665")!, currency: .EUR, mode: .halfEven).minorUnits == 266)
        #expect(try Money(rounding: Decimal(string: "-1234.5")!, currency: .JPY, mode: .halfEven).minorUnits == -1234)
    }

    @Test func exactDecimalConversionRefusesToLoseDigits() throws {
        #expect(try Money(exactly: Decimal(string: "19.99")!, currency: .USD).minorUnits == 1999)
        #expect(throws: MoneyError.self) { try Money(exactly: Decimal(string: "19.999")!, currency: .USD) }
    }

    // MARK: Formatting

    @Test(arguments: [
        (Int64(1234), Currency.EUR, "12.34"), (5, .EUR, "0.05"), (-5, .EUR, "-0.05"), (0, .EUR, "0.00"),
        (1234, .JPY, "1234"), (-7, .JPY, "-7"), (1234, .BHD, "1.234"), (-1, .BHD, "-0.001"),
        (.min, .EUR, "-92233720368547758.08"), (.max, .EUR, "92233720368547758.07"),
    ])
    func formatsWithExactlyTheMinorUnitDigits(minorUnits: Int64, currency: Currency, text: String) throws {
        let money = Money(minorUnits: minorUnits, currency: currency)
        #expect(money.amountString == text)
        #expect(try Money.parse(text, currency: currency) == money)
    }

    @Test func descriptionNamesTheCurrency() {
        #expect(Money(minorUnits: 1234, currency: .EUR).description == "12.34 EUR")
    }

    @Test func decimalAmountIsExact() {
        #expect(Money(minorUnits: 1234, currency: .EUR).decimalAmount == Decimal(string: "12.34")!)
        #expect(Money(minorUnits: -1234, currency: .BHD).decimalAmount == Decimal(string: "-1.234")!)
        #expect(Money(minorUnits: 1234, currency: .JPY).decimalAmount == Decimal(1234))
        #expect(Money(minorUnits: .min, currency: .EUR).decimalAmount == Decimal(string: "-92233720368547758.08")!)
    }

    // MARK: Arithmetic

    @Test func addsAndSubtractsInOneCurrency() throws {
        let a = Money(minorUnits: 1234, currency: .EUR)
        let b = Money(minorUnits: 66, currency: .EUR)
        #expect(try a + b == Money(minorUnits: 1300, currency: .EUR))
        #expect(try b - a == Money(minorUnits: -1168, currency: .EUR))
    }

    @Test func mixingCurrenciesIsATypedError() {
        let euros = Money(minorUnits: 100, currency: .EUR)
        let dollars = Money(minorUnits: 100, currency: .USD)
        #expect(throws: MoneyError.currencyMismatch(.EUR, .USD)) { try euros + dollars }
        #expect(throws: MoneyError.currencyMismatch(.EUR, .USD)) { try euros - dollars }
        #expect(throws: MoneyError.currencyMismatch(.EUR, .USD)) { try euros.isLess(than: dollars) }
        #expect(throws: MoneyError.currencyMismatch(.EUR, .USD)) { try Money.sum([euros, dollars], in: .EUR) }
    }

    @Test func multipliesByAnIntegerQuantity() throws {
        let unitPrice = Money(minorUnits: 1234, currency: .EUR)
        #expect(try unitPrice * 3 == Money(minorUnits: 3702, currency: .EUR))
        #expect(try 3 * unitPrice == Money(minorUnits: 3702, currency: .EUR))
        #expect(try unitPrice.multiplied(by: Int32(-2)) == Money(minorUnits: -2468, currency: .EUR))
    }

    @Test func overflowThrowsInsteadOfTrapping() {
        let max = Money(minorUnits: .max, currency: .EUR)
        let min = Money(minorUnits: .min, currency: .EUR)
        let one = Money(minorUnits: 1, currency: .EUR)
        #expect(throws: MoneyError.overflow(operation: "addition")) { try max + one }
        #expect(throws: MoneyError.overflow(operation: "subtraction")) { try min - one }
        #expect(throws: MoneyError.overflow(operation: "multiplication")) { try max * 2 }
        #expect(throws: MoneyError.overflow(operation: "multiplication")) { try one * UInt64.max }
        #expect(throws: MoneyError.overflow(operation: "negation")) { try min.negated() }
    }

    @Test func sumsAndCompares() throws {
        let amounts = [1, 2, 3].map { Money(minorUnits: $0, currency: .JPY) }
        #expect(try Money.sum(amounts, in: .JPY) == Money(minorUnits: 6, currency: .JPY))
        #expect(try Money.sum([], in: .JPY) == .zero(.JPY))
        #expect(try amounts[0].isLess(than: amounts[1]))
        #expect(try Money(minorUnits: 5, currency: .EUR).negated().minorUnits == -5)
    }

    // MARK: Codable

    @Test func encodesAmountAsADecimalString() throws {
        let euros = String(decoding: try StableJSON.encode(Money(minorUnits: 1234, currency: .EUR)), as: UTF8.self)
        #expect(euros == #"{"amount":"12.34","currency":"EUR"}"#)
        let yen = String(decoding: try StableJSON.encode(Money(minorUnits: 1234, currency: .JPY)), as: UTF8.self)
        #expect(yen == #"{"amount":"1234","currency":"JPY"}"#)
    }

    @Test func decodesWhatItEncodes() throws {
        for money in [Money(minorUnits: -1, currency: .BHD), Money(minorUnits: .max, currency: .EUR), .zero(.CLF)] {
            #expect(try StableJSON.decode(Money.self, from: StableJSON.encode(money)) == money)
        }
        #expect(try StableJSON.decode(Money.self, from: #"{"amount":"12.3","currency":"EUR"}"#.utf8Data).minorUnits == 1230)
    }

    @Test func decodingRejectsANumericAmountWithAClearError() {
        let error = #expect(throws: DecodingError.self) {
            try StableJSON.decode(Money.self, from: #"{"amount":12.34,"currency":"EUR"}"#.utf8Data)
        }
        #expect(error.flatMap { codingPath(of: $0) } == ["amount"])
        #expect(error.map { debugDescription(of: $0) }?.contains("decimal string") == true)
    }

    @Test(arguments: [
        (#"{"amount":"12.345","currency":"EUR"}"#, ["amount"], "fractional"),
        (#"{"amount":"1.5","currency":"JPY"}"#, ["amount"], "fractional"),
        (#"{"amount":"12,34","currency":"EUR"}"#, ["amount"], "not a decimal string"),
        (#"{"amount":"12.34","currency":"XAU"}"#, ["currency"], "unknown"),
        (#"{"amount":"12.34","currency":"eur"}"#, ["currency"], "unknown"),
        (#"{"currency":"EUR"}"#, ["amount"], "amount"),
    ])
    func decodingRejectsBadAmountsAndCurrencies(body: String, path: [String], messageFragment: String) {
        let error = #expect(throws: DecodingError.self) { try StableJSON.decode(Money.self, from: body.utf8Data) }
        #expect(error.flatMap { codingPath(of: $0) } == path)
        #expect(error.map { debugDescription(of: $0) }?.contains(messageFragment) == true)
    }
}
