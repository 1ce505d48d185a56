import Foundation
import Testing
import X12

@Suite("Implied decimals and R numbers")
struct ImpliedDecimalTests {
    @Test func n2TextReadsWithTwoImpliedDecimals() throws {
        #expect(try ImpliedDecimal(parsing: "255438", precision: .n2).value == Decimal(string: "2554.38"))
    }

    @Test func n2ValueWritesWithoutDecimalPoint() throws {
        #expect(try ImpliedDecimal(try #require(Decimal(string: "2554.38")), precision: .n2).text == "255438")
        #expect(try ImpliedDecimal(Decimal(12), precision: .n2).text == "1200")
    }

    @Test func negativeValuesReadAndWrite() throws {
        #expect(try ImpliedDecimal(parsing: "-1250", precision: .n2).value == Decimal(string: "-12.5"))
        #expect(try ImpliedDecimal(try #require(Decimal(string: "-12.5")), precision: .n2).text == "-1250")
    }

    @Test func n0AndN4() throws {
        #expect(try ImpliedDecimal(parsing: "17", precision: .n0).value == 17)
        #expect(try ImpliedDecimal(parsing: "12345", precision: .n4).value == Decimal(string: "1.2345"))
        #expect(try ImpliedDecimal(try #require(Decimal(string: "1.2345")), precision: .n4).text == "12345")
    }

    @Test func moreDecimalsThanAllowedAreRefusedNotRounded() throws {
        let value = try #require(Decimal(string: "12.345"))
        #expect(throws: ImpliedDecimalError.tooManyDecimals(value: value, precision: .n2)) {
            try ImpliedDecimal(value, precision: .n2)
        }
    }

    @Test(arguments: ["", "-", "12.34", "1e5", "+12", " 12", "12a"])
    func malformedTextIsRefused(text: String) {
        #expect(throws: ImpliedDecimalError.self) { try ImpliedDecimal(parsing: text, precision: .n2) }
    }

    @Test func rNumbersAreReadExactly() {
        #expect(X12Number.decimal("13045.94") == Decimal(string: "13045.94"))
        #expect(X12Number.decimal("-3") == -3)
        #expect(X12Number.decimal(".5") == Decimal(string: "0.5"))
        #expect(X12Number.decimal("1e3") == nil)
        #expect(X12Number.decimal("1,000") == nil)
        #expect(X12Number.decimal("") == nil)
    }

    @Test(arguments: ["123456789012345678", "1234567890123456789", "12345678901234567.89", "123456789012345678901234.5678", "0.000000000000000000001"])
    func rNumbersOnEitherSideOfEighteenDigitsAreExact(text: String) throws {
        #expect(X12Number.decimal(text) == Decimal(string: text))
    }

    @Test func rNumbersAreWrittenPlain() throws {
        #expect(X12Number.text(try #require(Decimal(string: "9.250"))) == "9.25")
        #expect(X12Number.text(Decimal(1_000_000)) == "1000000")
        #expect(X12Number.text(try #require(Decimal(string: "-0.05"))) == "-0.05")
    }
}
