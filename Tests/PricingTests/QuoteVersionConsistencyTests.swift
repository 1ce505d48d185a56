import Contracts
import Foundation
import Pricing
import Testing
import WholesailTestSupport

/// Imports swap the snapshot while quotes run flat out; no quote may mix two versions.
@Suite("Quote version consistency")
struct QuoteVersionConsistencyTests {
    static let skus = (1...5).map { "SKU-\($0)" }

    /// Generation `g` prices SKU-i at g × 10.00 + i cents: a price names its generation.
    static func list(generation: Int) -> String {
        let prices = skus.enumerated().map { index, sku in
            let cents = generation * 1000 + index + 1
            return #"{"sku": "\#(sku)", "unitPrice": "\#(cents / 100).\#(String(format: "%02d", cents % 100))"}"#
        }
        return #"{"currency": "EUR", "effectiveFrom": "2026-01-01T00:00:00Z", "prices": [\#(prices.joined(separator: ","))]}"#
    }

    @Test func importsDuringFullSpeedQuotingNeverYieldAQuoteMixingTwoVersions() async throws {
        try await PricingServiceHarness.with("pricing_mix") { service, _ in
            let firstReceipt = try await service.put("/v1/price-lists/EU", json: Self.list(generation: 1))
            let firstVersion = try #require(firstReceipt.json()["version"]?.numberValue)
            let generations = Locked<[Decimal: Int]>([firstVersion: 1])
            let importsDone = Locked(false)
            let observed = Locked<[(version: Int64, minorUnits: [Int64])]>([])
            let failures = Locked<[String]>([])
            let body = #"{"customer": "C-1", "currency": "EUR", "lines": [\#(Self.skus.map { #"{"sku": "\#($0)", "quantity": 1}"# }.joined(separator: ","))]}"#

            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        while !importsDone.value || observed.value.count < 2000 {
                            let response = try await service.quote(body)
                            guard response.status == 200 else {
                                failures.withLock { $0.append("status \(response.status): \(response.text)") }
                                continue
                            }
                            let quote = try StableJSON.decode(QuoteResponse.self, from: response.body)
                            observed.withLock { $0.append((quote.priceVersion, quote.lines.map(\.unitPrice.minorUnits))) }
                        }
                    }
                }
                group.addTask {
                    for generation in 2...31 {
                        let receipt = try await service.put("/v1/price-lists/EU", json: Self.list(generation: generation))
                        let version = try #require(receipt.json()["version"]?.numberValue)
                        generations.withLock { $0[version] = generation }
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    importsDone.withLock { $0 = true }
                }
                try await group.waitForAll()
            }

            #expect(failures.value.isEmpty, "\(failures.value.prefix(3))")
            let quotes = observed.value
            let byVersion = generations.value
            var mixed = 0
            for quote in quotes {
                guard let generation = byVersion[Decimal(quote.version)] else {
                    mixed += 1
                    continue
                }
                let expected = Self.skus.indices.map { Int64(generation * 1000 + $0 + 1) }
                if quote.minorUnits != expected { mixed += 1 }
            }
            #expect(quotes.count >= 2000)
            #expect(Set(quotes.map(\.version)).count >= 10, "quotes should have seen many versions while imports ran")
            #expect(mixed == 0, "\(mixed) of \(quotes.count) quotes mixed versions or named an unknown version")
        }
    }
}
