import Contracts
import Foundation
import Testing
@testable import Pricing

/// The hand-written quote JSON must be exactly what StableJSON writes, so clients see one format.
@Suite("Quote response writer")
struct QuoteResponseWriterTests {
    static func response(customer: String, currency: String = "EUR") throws -> QuoteResponse {
        let currency = try Currency(code: currency)
        func money(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: currency) }
        return QuoteResponse(
            customer: customer, currency: currency, at: Date(timeIntervalSince1970: 1_790_000_000.123),
            priceVersion: 42,
            snapshot: .init(version: 42, loadedAt: Date(timeIntervalSince1970: 1_789_999_000.5), verifiedAt: Date(timeIntervalSince1970: 1_789_999_990.007), stale: true),
            lines: [
                .init(lineNumber: 1, sku: "BOLT-M8", quantity: 150, unitPrice: money(38), extendedAmount: money(5700),
                      rule: PriceRule(kind: .tier, id: "EU", minimumQuantity: 100), priceList: "EU", listUnitPrice: money(42), category: "fasteners"),
                .init(lineNumber: 2, sku: "NUT/M8", quantity: 3, unitPrice: money(-5), extendedAmount: money(-15),
                      rule: PriceRule(kind: .promotion, id: "SPRING"), priceList: "EU", listUnitPrice: money(0), category: nil),
            ],
            total: money(5685)
        )
    }

    @Test(arguments: [
        "C-1",
        "Müller & Söhne \"GmbH\" \\ branch\n2\ttab\u{01}\u{1F}\r\u{08}\u{0C} / 東京 🚚",
    ])
    func writesTheBytesStableJSONWrites(customer: String) throws {
        let response = try Self.response(customer: customer)
        #expect(try QuoteResponseWriter.encode(response) == Array(StableJSON.encode(response)))
    }

    @Test(arguments: ["JPY", "BHD"])
    func writesAmountsWithTheCurrencysMinorUnits(currency: String) throws {
        let response = try Self.response(customer: "C-1", currency: currency)
        #expect(try QuoteResponseWriter.encode(response) == Array(StableJSON.encode(response)))
    }

    @Test func anEmptyQuoteStillMatches() throws {
        var response = try Self.response(customer: "")
        response.lines = []
        #expect(try QuoteResponseWriter.encode(response) == Array(StableJSON.encode(response)))
    }
}
