import Contracts
import Foundation
import Testing
@testable import Finance

/// ``TaxTable``: rate lookup by region and class, and the documented rounding rule (half away from zero, per line or
/// once per invoice rate group with largest-remainder distribution) in 0-, 2- and 3-decimal currencies.
/// Expected minor units are worked out by hand in each test.
@Suite("Finance domain: tax table")
struct TaxTableTests {
    private let rates = [
        TaxRate(region: "JP", taxClass: "standard", ratePercent: 10),
        TaxRate(region: "DE", taxClass: "standard", ratePercent: 19),
        TaxRate(region: "DE", taxClass: "reduced", ratePercent: 7),
        TaxRate(region: "KW", taxClass: "standard", ratePercent: 5),
        TaxRate(region: "US-NY", taxClass: "standard", ratePercent: Decimal(string: "8.875") ?? 0),
        TaxRate(region: "US", taxClass: "standard", ratePercent: 5),
        TaxRate(region: "US", taxClass: "exempt", ratePercent: 0),
    ]

    private func lines(_ nets: [String], _ code: String, taxClass: String = "standard") throws -> [TaxableLine] {
        try nets.enumerated().map { index, net in
            TaxableLine(lineNumber: index + 1, sku: "SKU-\(index + 1)", taxClass: taxClass, net: try DomainFixtures.money(net, code))
        }
    }

    private func taxes(
        _ lines: [TaxableLine], _ rounding: TaxRoundingRule, country: String, region: String? = nil
    ) throws -> [Int64] {
        try TaxTable(rates: rates, rounding: rounding)
            .tax(lines: lines, shipTo: DomainFixtures.address(country: country, region: region))
            .map(\.tax.minorUnits)
    }

    // MARK: - Per line vs per invoice, three currency exponents

    /// JPY (0 decimals), 10 %: 105 yen → 10.5 yen each. Per line: 11 + 11 + 11 = 33. Per invoice: 315 × 10 % = 31.5 →
    /// 32, distributed 11, 11, 10 (equal remainders: lower line numbers first).
    @Test func yenPerLineAndPerInvoiceGiveDifferentTotals() throws {
        let invoice = try lines(["105", "105", "105"], "JPY")
        #expect(try taxes(invoice, .perLine, country: "JP") == [11, 11, 11])
        #expect(try taxes(invoice, .perInvoice, country: "JP") == [11, 11, 10])
    }

    /// EUR (2 decimals), 19 %: 10.01 → 1.9019 each. Per line: 1.90 × 3 = 5.70. Per invoice: 30.03 × 19 % = 5.7057 →
    /// 5.71, distributed 1.91, 1.90, 1.90.
    @Test func euroPerLineAndPerInvoiceGiveDifferentTotals() throws {
        let invoice = try lines(["10.01", "10.01", "10.01"], "EUR")
        #expect(try taxes(invoice, .perLine, country: "DE") == [190, 190, 190])
        #expect(try taxes(invoice, .perInvoice, country: "DE") == [191, 190, 190])
    }

    /// KWD (3 decimals), 5 %: 0.111 → 0.00555 each. Per line: 0.006 × 3 = 0.018. Per invoice: 0.333 × 5 % = 0.01665 →
    /// 0.017, distributed 0.006, 0.006, 0.005.
    @Test func dinarPerLineAndPerInvoiceGiveDifferentTotals() throws {
        let invoice = try lines(["0.111", "0.111", "0.111"], "KWD")
        #expect(try taxes(invoice, .perLine, country: "KW") == [6, 6, 6])
        #expect(try taxes(invoice, .perInvoice, country: "KW") == [6, 6, 5])
    }

    /// US-NY 8.875 % on 12.34, 56.78, 9.99, 0.01 EUR: exact line taxes 1.095175, 5.039225, 0.8866125, 0.0008875.
    /// Group: 79.12 × 8.875 % = 7.02190 → 7.02. Floors 1.09 + 5.03 + 0.88 + 0.00 = 7.00; the 2 missing cents go to
    /// the largest remainders (line 2: 0.9225, line 3: 0.66125).
    @Test func perInvoiceLineTaxesAddUpToTheRoundedGroupTax() throws {
        let invoice = try lines(["12.34", "56.78", "9.99", "0.01"], "EUR")
        let shares = try taxes(invoice, .perInvoice, country: "US", region: "NY")
        #expect(shares == [109, 504, 89, 0])
        #expect(shares.reduce(0, +) == 702)
        // Per line the same invoice rounds each line: 1.10 + 5.04 + 0.89 + 0.00 = 7.03.
        #expect(try taxes(invoice, .perLine, country: "US", region: "NY") == [110, 504, 89, 0])
    }

    /// Equal remainders go to the lower line number, whatever the input order; results stay in input order.
    @Test func perInvoiceTiesGoToLowerLineNumbersFirst() throws {
        let yen = try DomainFixtures.money("105", "JPY")
        let invoice = [3, 1, 2].map { TaxableLine(lineNumber: $0, sku: "SKU-\($0)", taxClass: "standard", net: yen) }
        let result = try TaxTable(rates: rates, rounding: .perInvoice).tax(lines: invoice, shipTo: DomainFixtures.address(country: "JP"))
        #expect(result.map(\.lineNumber) == [3, 1, 2])
        #expect(result.map(\.tax.minorUnits) == [10, 11, 11])
    }

    /// Each (region, rate) group is rounded on its own: standard 19 % on 0.05 + 0.05 (0.019 → 0.02) and reduced 7 %
    /// on 0.10 + 0.10 (0.014 → 0.01); one rounding over everything would mix the rates.
    @Test func perInvoiceRoundsEachRateGroupSeparately() throws {
        let invoice = [
            TaxableLine(lineNumber: 1, sku: "A", taxClass: "standard", net: try DomainFixtures.money("0.05", "EUR")),
            TaxableLine(lineNumber: 2, sku: "B", taxClass: "reduced", net: try DomainFixtures.money("0.10", "EUR")),
            TaxableLine(lineNumber: 3, sku: "C", taxClass: "standard", net: try DomainFixtures.money("0.05", "EUR")),
            TaxableLine(lineNumber: 4, sku: "D", taxClass: "reduced", net: try DomainFixtures.money("0.10", "EUR")),
        ]
        // standard exact 0.95 + 0.95 cents → 2 cents: 1, 1; reduced exact 0.7 + 0.7 cents → 1 cent: line 2 gets it.
        #expect(try taxes(invoice, .perInvoice, country: "DE") == [1, 1, 1, 0])
    }

    // MARK: - Half away from zero

    /// 10 % of 5 yen is 0.5 yen → 1 yen (banker's rounding would give 0).
    @Test func halfAYenRoundsAwayFromZero() throws {
        #expect(try taxes(try lines(["5"], "JPY"), .perLine, country: "JP") == [1])
    }

    /// 10 % of 0.05 EUR is 0.005 EUR → 0.01 EUR (banker's rounding would give 0.00).
    @Test func halfACentRoundsAwayFromZero() throws {
        let table = [TaxRate(region: "FR", taxClass: "standard", ratePercent: 10)]
        let tax = try TaxTable(rates: table, rounding: .perLine)
            .tax(lines: try lines(["0.05"], "EUR"), shipTo: DomainFixtures.address(country: "FR"))
        #expect(tax.map(\.tax.minorUnits) == [1])
    }

    /// 10 % of 0.005 KWD is 0.0005 KWD → 0.001 KWD.
    @Test func halfAFilsRoundsAwayFromZero() throws {
        let table = [TaxRate(region: "KW", taxClass: "standard", ratePercent: 10)]
        let tax = try TaxTable(rates: table, rounding: .perLine)
            .tax(lines: try lines(["0.005"], "KWD"), shipTo: DomainFixtures.address(country: "KW"))
        #expect(tax.map(\.tax.minorUnits) == [1])
    }

    /// Negative nets mirror positive ones: −0.5 yen → −1 yen per line, and a negative group distributes like the
    /// positive one (−11, −11, −10).
    @Test func negativeNetsRoundSymmetrically() throws {
        #expect(try taxes(try lines(["-5"], "JPY"), .perLine, country: "JP") == [-1])
        #expect(try taxes(try lines(["-105", "-105", "-105"], "JPY"), .perInvoice, country: "JP") == [-11, -11, -10])
    }

    /// Below half rounds toward zero: 19 % of 0.02 EUR = 0.0038 → 0.00; 10 % of 4 yen = 0.4 → 0.
    @Test func belowHalfRoundsDown() throws {
        #expect(try taxes(try lines(["0.02"], "EUR"), .perLine, country: "DE") == [0])
        #expect(try taxes(try lines(["4"], "JPY"), .perLine, country: "JP") == [0])
    }

    // MARK: - Lookup

    /// A state rate wins over the country rate; a state without its own rate falls back to the country's.
    @Test func regionRateWinsAndCountryIsTheFallback() throws {
        let table = TaxTable(rates: rates, rounding: .perLine)
        let line = try lines(["100.00"], "USD")
        let newYork = try table.tax(lines: line, shipTo: DomainFixtures.address(country: "US", region: "NY"))
        #expect(newYork.first?.region == "US-NY")
        #expect(newYork.first?.ratePercent == Decimal(string: "8.875"))
        #expect(newYork.first?.tax == (try DomainFixtures.money("8.88", "USD")))  // 8.875 → 8.88
        let california = try table.tax(lines: line, shipTo: DomainFixtures.address(country: "US", region: "CA"))
        #expect(california.first?.region == "US")
        #expect(california.first?.tax == (try DomainFixtures.money("5.00", "USD")))
    }

    /// A class the state has no rate for falls back to the country's rate for that class.
    @Test func missingClassInRegionFallsBackToCountry() throws {
        let result = try TaxTable(rates: rates, rounding: .perLine)
            .tax(lines: try lines(["50.00"], "USD", taxClass: "exempt"), shipTo: DomainFixtures.address(country: "US", region: "NY"))
        #expect(result.first?.region == "US")
        #expect(result.first?.tax.isZero == true)
    }

    /// Regions compare uppercased and tax classes lowercased, both trimmed.
    @Test func lookupIgnoresCaseAndSurroundingSpace() throws {
        let table = TaxTable(rates: [TaxRate(region: " us-ny ", taxClass: "Standard", ratePercent: 10)], rounding: .perLine)
        let result = try table.tax(lines: try lines(["1.00"], "USD", taxClass: " STANDARD"), shipTo: DomainFixtures.address(country: "us", region: "ny "))
        #expect(result.first?.region == "US-NY")
        #expect(result.first?.tax.minorUnits == 10)
    }

    @Test func noRateErrorNamesTheRegionsTriedAndTheClass() throws {
        let table = TaxTable(rates: rates, rounding: .perLine)
        let error = #expect(throws: TaxCalculationError.self) {
            try table.tax(lines: try lines(["1.00"], "EUR", taxClass: "luxury"), shipTo: DomainFixtures.address(country: "DE", region: "BY"))
        }
        #expect(error == .noRate(regions: ["DE-BY", "DE"], taxClass: "luxury"))
        let description = error?.description ?? ""
        #expect(description.contains("DE-BY, DE"))
        #expect(description.contains("\"luxury\""))
    }

    @Test func linesInDifferentCurrenciesAreRejected() throws {
        let mixed = [
            TaxableLine(lineNumber: 1, sku: "A", taxClass: "standard", net: try DomainFixtures.money("1.00", "EUR")),
            TaxableLine(lineNumber: 2, sku: "B", taxClass: "standard", net: try DomainFixtures.money("1.00", "USD")),
        ]
        #expect(throws: TaxCalculationError.mixedCurrencies) {
            try TaxTable(rates: rates, rounding: .perInvoice).tax(lines: mixed, shipTo: DomainFixtures.address(country: "DE"))
        }
    }

    @Test func aTaxTooLargeForSixtyFourBitsIsAnOverflowError() throws {
        let table = TaxTable(rates: [TaxRate(region: "XX", taxClass: "standard", ratePercent: 1000)], rounding: .perLine)
        let huge = TaxableLine(lineNumber: 1, sku: "A", taxClass: "standard", net: Money(minorUnits: .max, currency: try DomainFixtures.currency("EUR")))
        #expect(throws: TaxCalculationError.overflow) {
            try table.tax(lines: [huge], shipTo: DomainFixtures.address(country: "XX"))
        }
    }

    @Test func aNotANumberRateIsReportedAsInvalid() throws {
        let table = TaxTable(rates: [TaxRate(region: "DE", taxClass: "standard", ratePercent: .nan)], rounding: .perLine)
        #expect(throws: TaxCalculationError.self) {
            try table.tax(lines: try lines(["1.00"], "EUR"), shipTo: DomainFixtures.address(country: "DE"))
        }
    }

    @Test func noLinesGiveNoTaxes() throws {
        #expect(try TaxTable(rates: [], rounding: .perInvoice).tax(lines: [], shipTo: DomainFixtures.address(country: "DE")).isEmpty)
    }
}
