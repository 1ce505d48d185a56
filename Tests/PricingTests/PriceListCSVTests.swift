import Contracts
import Foundation
import Testing
@testable import Pricing

/// The CSV price list import (``PriceListCSV``): the documented header layout, and refusals located by file
/// line (the header is line 1) with `#row=N` pointers; list attributes travel as query parameters (`?currency`).
@Suite("Price list import (CSV)")
struct PriceListCSVTests {
    typealias F = PricingFixtures
    typealias At = PricingFixtures.IssueLocation

    private func makeImport(_ text: String, currency: String = "EUR", effectiveTo: Date? = nil) throws -> PriceListImport {
        PriceListCSV.makeImport(
            id: "EU-2027", text: text, currency: currency, name: "Europe 2027",
            effectiveFrom: try F.listStart(), effectiveTo: effectiveTo
        )
    }

    private func validated(_ text: String) throws -> PriceList {
        try makeImport(text).validated()
    }

    private func rejection(_ text: String, currency: String = "EUR", effectiveTo: Date? = nil) throws -> ImportRejected {
        let csvImport = try makeImport(text, currency: currency, effectiveTo: effectiveTo)
        return try #require(throws: ImportRejected.self) { try csvImport.validated() }
    }

    // MARK: - Good files

    @Test func goodFileBecomesAPriceList() throws {
        let list = try validated("""
            sku,category,min_quantity,unit_price
            BOLT-M8,fasteners,1,0.42
            BOLT-M8,fasteners,100,0.38
            NUT-M8,fasteners,,0.10

            """)
        #expect(list.id == "EU-2027")
        #expect(list.name == "Europe 2027")
        #expect(list.currency == .EUR)
        #expect(try list.period == EffectivePeriod(start: F.listStart()))
        #expect(try list.prices == [
            "BOLT-M8": ListPrice(sku: "BOLT-M8", category: "fasteners", unitPrice: F.eur("0.42"), tiers: [PriceTier(minimumQuantity: 100, unitPrice: F.eur("0.38"))]),
            "NUT-M8": ListPrice(sku: "NUT-M8", category: "fasteners", unitPrice: F.eur("0.10")),
        ])
    }

    @Test func columnsMayComeInAnyOrder() throws {
        let list = try validated("unit_price,min_quantity,category,sku\n0.42,1,fasteners,BOLT-M8\n0.38,100,fasteners,BOLT-M8\n")
        #expect(try list.prices["BOLT-M8"] == ListPrice(
            sku: "BOLT-M8", category: "fasteners", unitPrice: F.eur("0.42"), tiers: [PriceTier(minimumQuantity: 100, unitPrice: F.eur("0.38"))]
        ))
    }

    @Test func optionalColumnsMayBeAbsent() throws {
        let list = try validated("sku,unit_price\nBOLT-M8,0.42\nNUT-M8,0.10")
        #expect(try list.prices["BOLT-M8"] == ListPrice(sku: "BOLT-M8", unitPrice: F.eur("0.42")))
        #expect(try list.prices["NUT-M8"] == ListPrice(sku: "NUT-M8", unitPrice: F.eur("0.10")))
    }

    @Test func byteOrderMarkCRLFAndQuotedFieldsAreRead() throws {
        let list = try validated("\u{FEFF}\"sku\",unit_price,category\r\n\"BOLT-M8\",\"0.42\",\"fasteners\"\r\nNUT-M8,0.10,\"fasteners\"\r\n")
        #expect(try list.prices["BOLT-M8"] == ListPrice(sku: "BOLT-M8", category: "fasteners", unitPrice: F.eur("0.42")))
        #expect(try list.prices["NUT-M8"] == ListPrice(sku: "NUT-M8", category: "fasteners", unitPrice: F.eur("0.10")))
    }

    @Test func headerIsCaseInsensitiveAndValuesAreTrimmed() throws {
        let list = try validated("SKU , Unit_Price ,MIN_QUANTITY\n BOLT-M8 , 0.42 , 1 \nBOLT-M8,0.38, 100\n")
        #expect(try list.prices["BOLT-M8"] == ListPrice(
            sku: "BOLT-M8", unitPrice: F.eur("0.42"), tiers: [PriceTier(minimumQuantity: 100, unitPrice: F.eur("0.38"))]
        ))
    }

    @Test func tiersBeforeTheBaseRowAndOutOfOrderAreSorted() throws {
        let list = try validated("sku,min_quantity,unit_price\nBOLT-M8,1000,0.35\nBOLT-M8,10,0.40\nBOLT-M8,1,0.42\nBOLT-M8,100,0.38\n")
        #expect(list.prices["BOLT-M8"]?.tiers.map(\.minimumQuantity) == [10, 100, 1000])
        #expect(try list.prices["BOLT-M8"]?.unitPrice == F.eur("0.42"))
    }

    @Test func quotedFieldWithACommaStaysOneField() throws {
        // The comma-holding values are refused as values (SKUs and prices have no commas), never as a field count.
        let rejected = try rejection("sku,unit_price\n\"BOLT,M8\",0.42\nNUT-M8,\"1,5\"\n")
        #expect(rejected.issues.map(At.init) == [At(2, "sku", "#row=2"), At(3, "unit_price", "#row=3")])
    }

    // MARK: - Malformed files: exact file lines

    @Test func unknownColumnIsRefusedOnTheHeaderLine() throws {
        let rejected = try rejection("sku,unit_price,colour\nBOLT-M8,0.42,red\n")
        #expect(rejected.issues.map(At.init) == [At(1, "header", "#row=1")])
        #expect(rejected.issues.first?.detail.contains("colour") == true)
    }

    @Test func missingRequiredColumnsAreEachRefusedOnTheHeaderLine() throws {
        let rejected = try rejection("category,min_quantity\nfasteners,1\n")
        #expect(rejected.issues.map(At.init) == [At(1, "header", "#row=1"), At(1, "header", "#row=1")])
        #expect(rejected.issues.contains { $0.detail.contains("sku") })
        #expect(rejected.issues.contains { $0.detail.contains("unit_price") })
    }

    @Test func headerAfterBlankLinesIsLocatedOnItsOwnLine() throws {
        let rejected = try rejection("\n\nsku\nBOLT-M8\n")
        #expect(rejected.issues.map(At.init) == [At(3, "header", "#row=3")])
    }

    @Test func duplicateColumnIsRefused() throws {
        let rejected = try rejection("sku,unit_price,SKU\nBOLT-M8,0.42,BOLT-M8\n")
        #expect(rejected.issues.map(At.init) == [At(1, "header", "#row=1")])
    }

    @Test func wrongFieldCountIsRefusedOnItsLine() throws {
        let rejected = try rejection("sku,unit_price\nBOLT-M8,0.42\nNUT-M8,0.10,extra\nWASHER\nANCHOR-X,5.00\n")
        #expect(rejected.issues.map(At.init) == [At(3, "csv", "#row=3"), At(4, "csv", "#row=4")])
    }

    @Test(arguments: ["ten", "1.5", "1e2", "--1"])
    func nonNumericMinQuantityIsRefusedOnItsLine(quantity: String) throws {
        let rejected = try rejection("sku,min_quantity,unit_price\nBOLT-M8,1,0.42\nNUT-M8,1,0.10\nBOLT-M8,\(quantity),0.38\n")
        #expect(rejected.issues.map(At.init) == [At(4, "min_quantity", "#row=4")])
    }

    @Test(arguments: ["0", "-1"])
    func minQuantityBelowOneIsRefusedOnItsLine(quantity: String) throws {
        let rejected = try rejection("sku,min_quantity,unit_price\nBOLT-M8,1,0.42\nBOLT-M8,\(quantity),0.38\n")
        #expect(rejected.issues.map(At.init) == [At(3, "min_quantity", "#row=3")])
    }

    @Test func unclosedQuoteIsRefusedOnTheLineItOpens() throws {
        let rejected = try rejection("sku,unit_price\nBOLT-M8,0.42\nNUT-M8,\"0.10\nWASHER,0.05\n")
        #expect(rejected.issues.map(At.init) == [At(3, "csv", "#row=3")])
    }

    @Test func tiersWithoutABaseAreRefusedOnTheSKUsFirstLine() throws {
        let rejected = try rejection("sku,min_quantity,unit_price\nNUT-M8,1,0.10\nBOLT-M8,10,0.40\nBOLT-M8,100,0.38\n")
        #expect(rejected.issues.map(At.init) == [At(3, "min_quantity", "#row=3")])
    }

    @Test func secondBaseRowOfASKUIsRefusedOnItsLine() throws {
        let rejected = try rejection("sku,unit_price\nBOLT-M8,0.42\nNUT-M8,0.10\nBOLT-M8,0.41\n")
        #expect(rejected.issues.map(At.init) == [At(4, "sku", "#row=4")])
    }

    @Test func secondTierFromTheSameQuantityIsRefusedOnItsLine() throws {
        let rejected = try rejection("sku,min_quantity,unit_price\nBOLT-M8,1,0.42\nBOLT-M8,100,0.38\nBOLT-M8,100,0.37\n")
        #expect(rejected.issues.map(At.init) == [At(4, "min_quantity", "#row=4")])
    }

    @Test func categoryChangingBetweenRowsOfASKUIsRefusedOnTheLaterLine() throws {
        let rejected = try rejection("sku,category,min_quantity,unit_price\nBOLT-M8,fasteners,1,0.42\nBOLT-M8,hardware,100,0.38\n")
        #expect(rejected.issues.map(At.init) == [At(3, "category", "#row=3")])
    }

    @Test func tooManyDecimalsForTheCurrencyAreRefusedOnTheirLine() throws {
        let rejected = try rejection("sku,unit_price\nBOLT-M8,0.425\n")
        #expect(rejected.issues.map(At.init) == [At(2, "unit_price", "#row=2")])
        let yen = try rejection("sku,unit_price\nBOLT-M8,42\nNUT-M8,10.5\n", currency: "JPY")
        #expect(yen.issues.map(At.init) == [At(3, "unit_price", "#row=3")])
    }

    @Test func lineNumbersCountBlankLinesAndCRLF() throws {
        let rejected = try rejection("sku,unit_price\r\n\r\nBOLT-M8,0.42\r\n\r\nNUT-M8,-0.10\r\n")
        #expect(rejected.issues.map(At.init) == [At(5, "unit_price", "#row=5")])
    }

    @Test func lineNumbersCountLineBreaksInsideQuotedFields() throws {
        let rejected = try rejection("sku,category,unit_price\nBOLT-M8,\"fasteners\nand more\",0.42\nNUT-M8,fasteners,abc\n")
        #expect(rejected.issues.map(At.init) == [At(2, "category", "#row=2"), At(4, "unit_price", "#row=4")])
    }

    @Test func everyBadLineIsReportedWithItsFileLine() throws {
        let rejected = try rejection("""
            sku,category,min_quantity,unit_price
            BOLT-M8,fasteners,1,0.42
            BOLT-M8,fasteners,ten,0.38
            NUT-M8,fasteners,1
            WASHER-M8,fasteners,1,-0.05
            ANCHOR-X,anchors,1,5.001
            BOLT-M8,hardware,100,0.38
            BOLT-M8,fasteners,1,0.41
            SCREW-4,fasteners,0,0.10
            PLUG-6,fasteners,1,0.07
            """)
        #expect(rejected.issues.map(At.init) == [
            At(3, "min_quantity", "#row=3"),
            At(4, "csv", "#row=4"),
            At(5, "unit_price", "#row=5"),
            At(6, "unit_price", "#row=6"),
            At(7, "category", "#row=7"),
            At(8, "sku", "#row=8"),
            At(9, "min_quantity", "#row=9"),
        ])
    }

    @Test(arguments: ["", "\u{FEFF}", "\n\n", "\r\n"])
    func emptyFileIsRefusedAtLineOne(text: String) throws {
        let rejected = try rejection(text)
        #expect(rejected.issues.map(At.init) == [At(1, "header", "#row=1")])
    }

    @Test func headerOnlyFileIsRefusedForHavingNoPrices() throws {
        let rejected = try rejection("sku,unit_price\n")
        #expect(rejected.issues.map(At.init) == [At(nil, "prices", "?prices")])
    }

    // MARK: - Query parameters

    @Test func unknownCurrencyParameterIsRefused() throws {
        let rejected = try rejection("sku,unit_price\nBOLT-M8,0.42\n", currency: "EURO")
        #expect(rejected.issues.map(At.init) == [At(nil, "currency", "?currency")])
    }

    @Test func effectiveToNotAfterEffectiveFromIsRefused() throws {
        let rejected = try rejection("sku,unit_price\nBOLT-M8,0.42\n", effectiveTo: try F.listStart())
        #expect(rejected.issues.map(At.init) == [At(nil, "effectiveTo", "?effectiveTo")])
    }
}
