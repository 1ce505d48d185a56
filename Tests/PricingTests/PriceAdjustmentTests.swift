import Contracts
import Foundation
import Testing
@testable import Pricing

/// ``PriceAdjustment/apply(to:)``: contract prices, percentages rounded half-even to the currency's minor
/// units, amounts off that floor at zero, and refusal of amounts in another currency.
@Suite("Price adjustment")
struct PriceAdjustmentTests {
    typealias F = PricingFixtures

    @Test func fixedPriceReplacesThePrice() throws {
        let adjusted = try PriceAdjustment.fixedPrice(try F.eur("7.25")).apply(to: try F.eur("10.00"))
        #expect(try adjusted == F.eur("7.25"))
    }

    @Test func fixedPriceInAnotherCurrencyIsACurrencyMismatch() throws {
        let adjustment = PriceAdjustment.fixedPrice(try F.usd("7.25"))
        let price = try F.eur("10.00")
        #expect(throws: PricingError.currencyMismatch(expected: .EUR, found: .USD)) {
            try adjustment.apply(to: price)
        }
    }

    @Test(arguments: [
        // 12.5 % off: the result ends in exactly half a minor unit; half-even picks the even neighbour.
        ("JPY", "100", "88"),  // 87.5 → 88 (up)
        ("JPY", "140", "122"),  // 122.5 → 122 (down)
        ("JPY", "1", "1"),  // 0.875 → 1 (not a tie: above half)
        ("EUR", "1.00", "0.88"),  // 0.875 → 0.88 (up)
        ("EUR", "1.40", "1.22"),  // 1.225 → 1.22 (down)
        ("EUR", "0.20", "0.18"),  // 0.175 → 0.18 (up)
        ("EUR", "0.60", "0.52"),  // 0.525 → 0.52 (down)
        ("BHD", "0.100", "0.088"),  // 0.0875 → 0.088 (up)
        ("BHD", "0.140", "0.122"),  // 0.1225 → 0.122 (down)
        ("KWD", "1.000", "0.875"),  // exact, no rounding
        ("KWD", "0.004", "0.004"),  // 0.0035 → 0.004 (up)
        ("KWD", "0.012", "0.010"),  // 0.0105 → 0.010 (down)
    ])
    func percentOffRoundsHalfEvenToTheCurrencysMinorUnits(code: String, price: String, expected: String) throws {
        let currency = try Currency(code: code)
        let adjusted = try PriceAdjustment.percentOff(F.twelveAndAHalfPercent).apply(to: try Money.parse(price, currency: currency))
        #expect(try adjusted == Money.parse(expected, currency: currency))
        #expect(adjusted.currency == currency)
    }

    @Test func percentOffRoundsToNearestWhenNotATie() throws {
        // 33.3333 % off 10.00 = 6.66667 → 6.67; off 0.10 = 0.0666667 → 0.07.
        let percent = Decimal(sign: .plus, exponent: -4, significand: 333_333)
        #expect(try PriceAdjustment.percentOff(percent).apply(to: F.eur("10.00")) == F.eur("6.67"))
        #expect(try PriceAdjustment.percentOff(percent).apply(to: F.eur("0.10")) == F.eur("0.07"))
    }

    @Test func hundredPercentOffIsZero() throws {
        #expect(try PriceAdjustment.percentOff(100).apply(to: F.bhd("12.345")) == F.bhd("0.000"))
    }

    @Test func percentOffTheLargestAmountDoesNotOverflow() throws {
        // 12.5 % off Int64.max minor units: 9223372036854775807 × 0.875 = 8070450532247928831.125 → …831.
        let adjusted = try PriceAdjustment.percentOff(F.twelveAndAHalfPercent).apply(to: Money(minorUnits: .max, currency: .JPY))
        #expect(adjusted == Money(minorUnits: 8_070_450_532_247_928_831, currency: .JPY))
    }

    @Test func amountOffSubtractsExactly() throws {
        #expect(try PriceAdjustment.amountOff(F.eur("0.01")).apply(to: F.eur("10.00")) == F.eur("9.99"))
        #expect(try PriceAdjustment.amountOff(F.kwd("0.001")).apply(to: F.kwd("1.000")) == F.kwd("0.999"))
    }

    @Test func amountOffFloorsAtZero() throws {
        #expect(try PriceAdjustment.amountOff(F.eur("15.00")).apply(to: F.eur("10.00")) == F.eur("0.00"))
        #expect(try PriceAdjustment.amountOff(F.eur("10.00")).apply(to: F.eur("10.00")) == F.eur("0.00"))
    }

    @Test func amountOffInAnotherCurrencyIsACurrencyMismatch() throws {
        let adjustment = PriceAdjustment.amountOff(try F.jpy("100"))
        let price = try F.eur("10.00")
        #expect(throws: PricingError.currencyMismatch(expected: .EUR, found: .JPY)) {
            try adjustment.apply(to: price)
        }
    }

    @Test func percentageFitsEveryCurrencyWhileAmountsNameTheirs() throws {
        #expect(PriceAdjustment.percentOff(10).currency == nil)
        #expect(try PriceAdjustment.amountOff(F.eur("1.00")).currency == .EUR)
        #expect(try PriceAdjustment.fixedPrice(F.jpy("100")).currency == .JPY)
    }

    @Test func promotionWithAnAmountAppliesOnlyInThatCurrency() throws {
        let promotion = try F.promotion("PR-1", .amountOff(F.eur("1.00")))
        #expect(promotion.applies(to: .EUR))
        #expect(!promotion.applies(to: .USD))
        #expect(try F.promotion("PR-2", .percentOff(5)).applies(to: .JPY))
    }
}

/// The integer fast path of percentage discounts agrees with exact decimal arithmetic.
@Suite("Percentage arithmetic")
struct PercentageArithmeticTests {
    @Test(arguments: ["0.0001", "5", "12.5", "33.3333", "50", "99.9999", "100"])
    func theIntegerPathEqualsDecimalArithmeticForEveryPriceUpTo10000(percent: String) throws {
        let value = try #require(Decimal(string: percent, locale: Locale(identifier: "en_US_POSIX")))
        let millionths = try #require(PriceAdjustment.millionths(ofPercent: value))
        let currency = try Currency(code: "EUR")
        for minorUnits in Int64(0)...10_000 {
            let exact = try Money(rounding: Money(minorUnits: minorUnits, currency: currency).decimalAmount * ((Decimal(100) - value) / 100), currency: currency, mode: .halfEven)
            #expect(PriceAdjustment.reduce(minorUnits, keepingMillionths: 1_000_000 - millionths) == exact.minorUnits, "\(minorUnits) at \(percent) %")
            if PriceAdjustment.reduce(minorUnits, keepingMillionths: 1_000_000 - millionths) != exact.minorUnits { break }
        }
    }

    @Test func millionthsReadTheDecimalExactly() throws {
        func millionths(_ text: String) throws -> Int64? {
            PriceAdjustment.millionths(ofPercent: try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))))
        }
        #expect(try millionths("12.5") == 125_000)
        #expect(try millionths("100") == 1_000_000)
        #expect(try millionths("0.0001") == 1)
        #expect(try millionths("7") == 70_000)
        #expect(try millionths("0.00001") == nil)
        #expect(try millionths("100.5") == nil)
    }

    @Test func hugeAmountsDoNotOverflow() {
        #expect(PriceAdjustment.reduce(Int64.max, keepingMillionths: 1_000_000) == Int64.max)
        #expect(PriceAdjustment.reduce(Int64.max, keepingMillionths: 500_000) == Int64.max / 2 + 1)
    }
}
