import Contracts
import Foundation
import Testing
@testable import Pricing

/// The JSON price list import (``PriceListDocument`` → ``PriceListImport/validated()``): every rule of
/// ``PriceListImport``, each refusal located by row (1-based array element) and JSON pointer.
@Suite("Price list import (JSON)")
struct PriceListImportTests {
    typealias F = PricingFixtures
    typealias At = PricingFixtures.IssueLocation

    private func document(
        currency: String = "EUR", from: String = "2027-01-01T00:00:00Z", to: String? = nil, prices: String
    ) -> String {
        let end = to.map { "\"\($0)\"" } ?? "null"
        return #"{"currency": "\#(currency)", "name": "Europe 2027", "effectiveFrom": "\#(from)", "effectiveTo": \#(end), "prices": [\#(prices)]}"#
    }

    private func validated(_ json: String, id: String = "EU-2027") throws -> PriceList {
        try F.decode(PriceListDocument.self, json).makeImport(id: id).validated()
    }

    private func rejection(_ json: String, id: String = "EU-2027") throws -> ImportRejected {
        let document = try F.decode(PriceListDocument.self, json)
        return try #require(throws: ImportRejected.self) { try document.makeImport(id: id).validated() }
    }

    private let goodBolt = #"{"sku": "BOLT-M8", "category": "fasteners", "unitPrice": "0.42"}"#

    // MARK: - Accepted

    @Test func goodDocumentBecomesAPriceListWithSortedTiers() throws {
        let list = try validated(document(to: "2028-01-01T00:00:00Z", prices: """
            {"sku": "BOLT-M8", "category": "fasteners", "unitPrice": "0.42",
             "tiers": [{"minimumQuantity": 1000, "unitPrice": "0.35"}, {"minimumQuantity": 100, "unitPrice": "0.38"}]},
            {"sku": "NUT-M8", "unitPrice": "0"}
            """))
        #expect(list.id == "EU-2027")
        #expect(list.name == "Europe 2027")
        #expect(list.currency == .EUR)
        #expect(try list.period == EffectivePeriod(start: F.instant("2027-01-01T00:00:00Z"), end: F.instant("2028-01-01T00:00:00Z")))
        #expect(list.prices.count == 2)
        let bolt = try #require(list.prices["BOLT-M8"])
        #expect(bolt.category == "fasteners")
        #expect(try bolt.unitPrice == F.eur("0.42"))
        #expect(try bolt.tiers == [
            PriceTier(minimumQuantity: 100, unitPrice: F.eur("0.38")),
            PriceTier(minimumQuantity: 1000, unitPrice: F.eur("0.35")),
        ])
        #expect(try list.prices["NUT-M8"] == ListPrice(sku: "NUT-M8", unitPrice: F.eur("0.00")))
    }

    @Test func listWithoutEffectiveToIsOpenEnded() throws {
        let list = try validated(document(prices: goodBolt))
        #expect(list.period.end == nil)
    }

    @Test func wholeYenAreAccepted() throws {
        let list = try validated(document(currency: "JPY", prices: #"{"sku": "BOLT-M8", "unitPrice": "1250"}"#))
        #expect(list.prices["BOLT-M8"]?.unitPrice == Money(minorUnits: 1250, currency: .JPY))
    }

    @Test func threeDecimalsAreAcceptedInBahrainiDinar() throws {
        let list = try validated(document(currency: "BHD", prices: #"{"sku": "BOLT-M8", "unitPrice": "0.425"}"#))
        #expect(list.prices["BOLT-M8"]?.unitPrice == Money(minorUnits: 425, currency: .BHD))
    }

    // MARK: - Row issues

    @Test func severalBadRowsAreEachReportedWithTheirRowAndPointer() throws {
        let rejected = try rejection(document(prices: """
            {"sku": "BOLT-M8", "unitPrice": "0.42"},
            {"sku": "NUT-M8", "unitPrice": "abc"},
            {"sku": "WASHER-M8", "unitPrice": "-1.00"},
            {"sku": "BAD SKU", "unitPrice": "1.00"},
            {"sku": "ANCHOR-X", "unitPrice": "5.00", "tiers": [{"minimumQuantity": 10, "unitPrice": "4.50"}, {"minimumQuantity": 50, "unitPrice": "4.255"}]}
            """))
        #expect(rejected.issues.map(At.init) == [
            At(2, "unitPrice", "/prices/1/unitPrice"),
            At(3, "unitPrice", "/prices/2/unitPrice"),
            At(4, "sku", "/prices/3/sku"),
            At(5, "unitPrice", "/prices/4/tiers/1/unitPrice"),
        ])
        #expect(rejected.totalIssues == 4)
    }

    @Test func threeDecimalsInEuroAreRefused() throws {
        let rejected = try rejection(document(prices: #"{"sku": "BOLT-M8", "unitPrice": "0.425"}"#))
        #expect(F.locations(rejected) == [At(1, "unitPrice", "/prices/0/unitPrice")])
    }

    @Test(arguments: ["1250.5", "1250.0", "0.1"])
    func anyDecimalsInYenAreRefused(price: String) throws {
        let rejected = try rejection(document(currency: "JPY", prices: #"{"sku": "BOLT-M8", "unitPrice": "\#(price)"}"#))
        #expect(F.locations(rejected) == [At(1, "unitPrice", "/prices/0/unitPrice")])
    }

    @Test func fourDecimalsInBahrainiDinarAreRefused() throws {
        let rejected = try rejection(document(currency: "BHD", prices: #"{"sku": "BOLT-M8", "unitPrice": "0.4255"}"#))
        #expect(F.locations(rejected) == [At(1, "unitPrice", "/prices/0/unitPrice")])
    }

    @Test func negativePriceIsRefused() throws {
        let rejected = try rejection(document(prices: #"{"sku": "BOLT-M8", "unitPrice": "-0.01"}"#))
        #expect(F.locations(rejected) == [At(1, "unitPrice", "/prices/0/unitPrice")])
        #expect(rejected.issues.first?.detail.contains("negative") == true)
    }

    @Test(arguments: ["1e2", "+1.00", "1,00", " 1.00", "", "01.00", ".5"])
    func malformedPriceIsRefused(price: String) throws {
        let rejected = try rejection(document(prices: #"{"sku": "BOLT-M8", "unitPrice": "\#(price)"}"#))
        #expect(F.locations(rejected) == [At(1, "unitPrice", "/prices/0/unitPrice")])
    }

    @Test func priceAsAJSONNumberDoesNotDecode() throws {
        #expect(throws: DecodingError.self) {
            try F.decode(PriceListDocument.self, document(prices: #"{"sku": "BOLT-M8", "unitPrice": 0.42}"#))
        }
    }

    @Test func duplicateSKUIsRefusedAtItsSecondRow() throws {
        let rejected = try rejection(document(prices: """
            {"sku": "BOLT-M8", "unitPrice": "0.42"},
            {"sku": "NUT-M8", "unitPrice": "0.10"},
            {"sku": "BOLT-M8", "unitPrice": "0.40"}
            """))
        #expect(F.locations(rejected) == [At(3, "sku", "/prices/2/sku")])
    }

    @Test(arguments: [1, 0, -5])
    func tierFromBelowTwoIsRefusedAtTheTier(minimumQuantity: Int) throws {
        let rejected = try rejection(document(prices: """
            {"sku": "BOLT-M8", "unitPrice": "0.42", "tiers": [{"minimumQuantity": 100, "unitPrice": "0.38"}, {"minimumQuantity": \(minimumQuantity), "unitPrice": "0.40"}]}
            """))
        #expect(F.locations(rejected) == [At(1, "minimumQuantity", "/prices/0/tiers/1/minimumQuantity")])
    }

    @Test func twoTiersFromTheSameQuantityAreRefused() throws {
        let rejected = try rejection(document(prices: """
            {"sku": "BOLT-M8", "unitPrice": "0.42", "tiers": [{"minimumQuantity": 100, "unitPrice": "0.38"}, {"minimumQuantity": 100, "unitPrice": "0.37"}]}
            """))
        #expect(F.locations(rejected) == [At(1, "minimumQuantity", "/prices/0/tiers/1/minimumQuantity")])
    }

    @Test func tierAboveTheMaximumQuantityIsRefused() throws {
        let rejected = try rejection(document(prices: """
            {"sku": "BOLT-M8", "unitPrice": "0.42", "tiers": [{"minimumQuantity": \(PriceCalculator.maximumQuantity + 1), "unitPrice": "0.38"}]}
            """))
        #expect(F.locations(rejected) == [At(1, "minimumQuantity", "/prices/0/tiers/0/minimumQuantity")])
    }

    @Test func invalidCategoryIsRefused() throws {
        let rejected = try rejection(document(prices: #"{"sku": "BOLT-M8", "category": "nuts & bolts", "unitPrice": "0.42"}"#))
        #expect(F.locations(rejected) == [At(1, "category", "/prices/0/category")])
    }

    @Test(arguments: ["", "BOLT M8", "BOLT,M8", "BÖLT", String(repeating: "X", count: 65)])
    func invalidSKUIsRefused(sku: String) throws {
        let rejected = try rejection(document(prices: #"{"sku": "\#(sku)", "unitPrice": "0.42"}"#))
        #expect(F.locations(rejected) == [At(1, "sku", "/prices/0/sku")])
    }

    @Test func longestAllowedSKUIsAccepted() throws {
        let sku = String(repeating: "X", count: 64)
        let list = try validated(document(prices: #"{"sku": "\#(sku)", "unitPrice": "0.42"}"#))
        #expect(list.prices[sku] != nil)
    }

    // MARK: - Document issues

    @Test(arguments: ["EURO", "eur", "XAU", "", "ZZZ"])
    func unknownCurrencyIsRefused(currency: String) throws {
        let rejected = try rejection(document(currency: currency, prices: goodBolt))
        #expect(F.locations(rejected) == [At(nil, "currency", "/currency")])
    }

    @Test(arguments: ["2027-01-01T00:00:00Z", "2026-12-31T23:59:59.999Z"])
    func effectiveToNotAfterEffectiveFromIsRefused(effectiveTo: String) throws {
        let rejected = try rejection(document(to: effectiveTo, prices: goodBolt))
        #expect(F.locations(rejected) == [At(nil, "effectiveTo", "/effectiveTo")])
    }

    @Test func effectiveToOneMillisecondAfterEffectiveFromIsAccepted() throws {
        let list = try validated(document(to: "2027-01-01T00:00:00.001Z", prices: goodBolt))
        #expect(try list.period.end == F.instant("2027-01-01T00:00:00.001Z"))
    }

    @Test func emptyListIsRefused() throws {
        let rejected = try rejection(document(prices: ""))
        #expect(F.locations(rejected) == [At(nil, "prices", "/prices")])
    }

    @Test func invalidListIDIsRefused() throws {
        let rejected = try rejection(document(prices: goodBolt), id: "europe 2027")
        #expect(F.locations(rejected) == [At(nil, "id", "/id")])
    }

    @Test func documentAndRowIssuesAreReportedTogetherDocumentFirst() throws {
        let rejected = try rejection(document(to: "2026-01-01T00:00:00Z", prices: """
            {"sku": "BOLT-M8", "unitPrice": "0.42"},
            {"sku": "NUT-M8", "unitPrice": "0.105"}
            """))
        #expect(rejected.issues.map(At.init) == [At(nil, "effectiveTo", "/effectiveTo"), At(2, "unitPrice", "/prices/1/unitPrice")])
    }

    @Test func rejectionReportsTheFirstHundredIssuesAndCountsThemAll() throws {
        let prices = (1...150).map { #"{"sku": "SKU-\#($0)", "unitPrice": "1.001"}"# }.joined(separator: ",")
        let rejected = try rejection(document(prices: prices))
        #expect(rejected.totalIssues == 150)
        #expect(rejected.issues.count == ImportRejected.maximumReported)
        #expect(rejected.issues.map(\.row) == (1...100).map { Optional($0) })
        #expect(rejected.description.hasPrefix("150 problems, first 100: row 1, unitPrice: "))
    }
}
