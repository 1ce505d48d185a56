import Contracts
import Foundation
import Testing
@testable import Pricing

/// ``AgreementDocument``: exactly one party, exactly one adjustment per break, the percentage grammar, and
/// refusals located by line (row) and JSON pointer.
@Suite("Agreement document")
struct AgreementDocumentTests {
    typealias F = PricingFixtures
    typealias At = PricingFixtures.IssueLocation

    private func document(party: String = #""customer": "C-1001""#, currency: String = "EUR", validTo: String = "2028-01-01T00:00:00Z", lines: String) -> String {
        #"{\#(party), "currency": "\#(currency)", "validFrom": "2027-01-01T00:00:00Z", "validTo": "\#(validTo)", "lines": [\#(lines)]}"#
    }

    private func line(_ breaks: String, sku: String = "BOLT-M8") -> String {
        #"{"sku": "\#(sku)", "breaks": [\#(breaks)]}"#
    }

    private func validated(_ json: String, id: String = "AG-7") throws -> CustomerAgreement {
        try F.decode(AgreementDocument.self, json).validated(id: id)
    }

    private func rejection(_ json: String, id: String = "AG-7") throws -> ImportRejected {
        let document = try F.decode(AgreementDocument.self, json)
        return try #require(throws: ImportRejected.self) { try document.validated(id: id) }
    }

    // MARK: - Accepted

    @Test func documentedExampleBecomesACustomerAgreement() throws {
        let agreement = try validated(document(lines: line(#"{"minimumQuantity": 500, "percentOff": "12.5"}, {"minimumQuantity": 1, "unitPrice": "0.40"}"#)))
        #expect(agreement.id == "AG-7")
        #expect(agreement.party == .customer("C-1001"))
        #expect(agreement.currency == .EUR)
        #expect(try agreement.period == EffectivePeriod(start: F.instant("2027-01-01T00:00:00Z"), end: F.instant("2028-01-01T00:00:00Z")))
        #expect(try agreement.lines == ["BOLT-M8": [
            AgreementBreak(minimumQuantity: 1, adjustment: .fixedPrice(F.eur("0.40"))),
            AgreementBreak(minimumQuantity: 500, adjustment: .percentOff(F.twelveAndAHalfPercent)),
        ]])
    }

    @Test func customerGroupBecomesAGroupParty() throws {
        let agreement = try validated(document(party: #""customerGroup": "G-RETAIL""#, lines: line(#"{"minimumQuantity": 1, "percentOff": "5"}"#)))
        #expect(agreement.party == .customerGroup("G-RETAIL"))
    }

    @Test func amountOffIsInTheAgreementsCurrency() throws {
        let agreement = try validated(document(currency: "KWD", lines: line(#"{"minimumQuantity": 10, "amountOff": "0.125"}"#)))
        #expect(try agreement.lines["BOLT-M8"] == [AgreementBreak(minimumQuantity: 10, adjustment: .amountOff(F.kwd("0.125")))])
    }

    @Test func agreementWithoutValidToIsOpenEnded() throws {
        let json = #"{"customer": "C-1", "currency": "EUR", "validFrom": "2027-01-01T00:00:00Z", "lines": [\#(line(#"{"minimumQuantity": 1, "percentOff": "5"}"#))]}"#
        #expect(try validated(json).period.end == nil)
    }

    // MARK: - Exactly one party

    @Test func bothCustomerAndCustomerGroupAreRefused() throws {
        let rejected = try rejection(document(party: #""customer": "C-1", "customerGroup": "G-RETAIL""#, lines: line(#"{"minimumQuantity": 1, "percentOff": "5"}"#)))
        #expect(rejected.issues.map(At.init) == [At(nil, "customer", "/customer")])
    }

    @Test func neitherCustomerNorCustomerGroupIsRefused() throws {
        let rejected = try rejection(document(party: #""note": "nobody""#, lines: line(#"{"minimumQuantity": 1, "percentOff": "5"}"#)))
        #expect(rejected.issues.map(At.init) == [At(nil, "customer", "/customer")])
    }

    @Test func invalidCustomerIsRefused() throws {
        let rejected = try rejection(document(party: #""customer": "C 1""#, lines: line(#"{"minimumQuantity": 1, "percentOff": "5"}"#)))
        #expect(rejected.issues.map(At.init) == [At(nil, "customer", "/customer")])
    }

    // MARK: - Exactly one adjustment per break

    @Test(arguments: [
        #"{"minimumQuantity": 1, "unitPrice": "0.40", "percentOff": "5"}"#,
        #"{"minimumQuantity": 1, "unitPrice": "0.40", "amountOff": "0.05"}"#,
        #"{"minimumQuantity": 1, "percentOff": "5", "amountOff": "0.05"}"#,
        #"{"minimumQuantity": 1}"#,
    ])
    func breakWithOtherThanExactlyOneAdjustmentIsRefused(entry: String) throws {
        let rejected = try rejection(document(lines: line(#"{"minimumQuantity": 50, "percentOff": "5"}, \#(entry)"#)))
        #expect(rejected.issues.map(At.init) == [At(1, "breaks", "/lines/0/breaks/1")])
    }

    // MARK: - Percentages

    @Test(arguments: ["12.5", "100", "100.0", "0.0001", "99.9999", "5"])
    func percentageInRangeIsAccepted(percent: String) throws {
        let agreement = try validated(document(lines: line(#"{"minimumQuantity": 1, "percentOff": "\#(percent)"}"#)))
        let expected = try #require(Decimal(string: percent, locale: Locale(identifier: "en_US_POSIX")))
        #expect(agreement.lines["BOLT-M8"] == [AgreementBreak(minimumQuantity: 1, adjustment: .percentOff(expected))])
    }

    @Test(arguments: ["0", "0.0", "100.5", "100.0001", "1e2", "-5", "+5", "012", "12.", ".5", "12.34567", "12,5", "", "abc", "1000"])
    func percentageOutsideTheGrammarOrRangeIsRefused(percent: String) throws {
        let rejected = try rejection(document(lines: line(#"{"minimumQuantity": 1, "percentOff": "\#(percent)"}"#)))
        #expect(rejected.issues.map(At.init) == [At(1, "percentOff", "/lines/0/breaks/0/percentOff")])
    }

    // MARK: - Amounts, quantities, lines

    @Test func contractPriceWithTooManyDecimalsIsRefused() throws {
        let rejected = try rejection(document(currency: "JPY", lines: line(#"{"minimumQuantity": 1, "unitPrice": "40.5"}"#)))
        #expect(rejected.issues.map(At.init) == [At(1, "unitPrice", "/lines/0/breaks/0/unitPrice")])
    }

    @Test func negativeAmountOffIsRefused() throws {
        let rejected = try rejection(document(lines: line(#"{"minimumQuantity": 1, "amountOff": "-0.05"}"#)))
        #expect(rejected.issues.map(At.init) == [At(1, "amountOff", "/lines/0/breaks/0/amountOff")])
    }

    @Test(arguments: [0, -1, PriceCalculator.maximumQuantity + 1])
    func breakQuantityOutsideOneToMaximumIsRefused(quantity: Int) throws {
        let rejected = try rejection(document(lines: line(#"{"minimumQuantity": \#(quantity), "percentOff": "5"}"#)))
        #expect(rejected.issues.map(At.init) == [At(1, "minimumQuantity", "/lines/0/breaks/0/minimumQuantity")])
    }

    @Test func twoBreaksFromTheSameQuantityAreRefused() throws {
        let rejected = try rejection(document(lines: line(#"{"minimumQuantity": 10, "percentOff": "5"}, {"minimumQuantity": 10, "percentOff": "6"}"#)))
        #expect(rejected.issues.map(At.init) == [At(1, "minimumQuantity", "/lines/0/breaks/1/minimumQuantity")])
    }

    @Test func secondLineForTheSameSKUIsRefusedOnItsRow() throws {
        let rejected = try rejection(document(lines: [
            line(#"{"minimumQuantity": 1, "percentOff": "5"}"#),
            line(#"{"minimumQuantity": 1, "percentOff": "5"}"#, sku: "NUT-M8"),
            line(#"{"minimumQuantity": 10, "percentOff": "6"}"#),
        ].joined(separator: ",")))
        #expect(rejected.issues.map(At.init) == [At(3, "sku", "/lines/2/sku")])
    }

    @Test func lineWithoutBreaksIsRefused() throws {
        let rejected = try rejection(document(lines: line(#"{"minimumQuantity": 1, "percentOff": "5"}"#) + "," + line("", sku: "NUT-M8")))
        #expect(rejected.issues.map(At.init) == [At(2, "breaks", "/lines/1/breaks")])
    }

    @Test func agreementWithoutLinesIsRefused() throws {
        let rejected = try rejection(document(lines: ""))
        #expect(rejected.issues.map(At.init) == [At(nil, "lines", "/lines")])
    }

    @Test func invalidSKUIsRefusedOnItsRow() throws {
        let rejected = try rejection(document(lines: line(#"{"minimumQuantity": 1, "percentOff": "5"}"#, sku: "BOLT M8")))
        #expect(rejected.issues.map(At.init) == [At(1, "sku", "/lines/0/sku")])
    }

    // MARK: - Document fields

    @Test(arguments: ["EURO", "eur", "XXX"])
    func unknownCurrencyIsRefused(currency: String) throws {
        let rejected = try rejection(document(currency: currency, lines: line(#"{"minimumQuantity": 1, "unitPrice": "0.40"}"#)))
        #expect(rejected.issues.map(At.init) == [At(nil, "currency", "/currency")])
    }

    @Test(arguments: ["2027-01-01T00:00:00Z", "2026-06-01T00:00:00Z"])
    func validToNotAfterValidFromIsRefused(validTo: String) throws {
        let rejected = try rejection(document(validTo: validTo, lines: line(#"{"minimumQuantity": 1, "percentOff": "5"}"#)))
        #expect(rejected.issues.map(At.init) == [At(nil, "validTo", "/validTo")])
    }

    @Test func invalidAgreementIDIsRefused() throws {
        let rejected = try rejection(document(lines: line(#"{"minimumQuantity": 1, "percentOff": "5"}"#)), id: "AG 7")
        #expect(rejected.issues.map(At.init) == [At(nil, "id", "/id")])
    }
}
