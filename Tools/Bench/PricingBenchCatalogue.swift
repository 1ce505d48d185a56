import Contracts
import Foundation
import Logging
import Outbox
import Persistence
import Pricing

/// The benchmark's price data: one EUR list of `skus` SKUs (every other one with tiers from 10 and 100),
/// `agreements` customer agreements of 20 SKUs each, and 20 category promotions; and the quote bodies.
struct PricingBenchCatalogue {
    let skus: Int
    let agreements: Int
    static let categories = 50
    static let agreementLines = 20

    func sku(_ index: Int) -> String { "SKU-\(index)" }

    /// Imports everything: the list and promotions through HTTP, the agreements straight through the store in one
    /// transaction (1,000 HTTP imports would reload the snapshot 1,000 times), then one HTTP import to reload.
    func load(port: Int, databaseURL: String, schema: String, logger: Logger) async throws {
        let clock = ContinuousClock()
        var started = clock.now
        var prices: [String] = []
        prices.reserveCapacity(skus)
        for index in 0..<skus {
            let cents = 100 + (index * 37) % 90_000
            let tiers = index.isMultiple(of: 2)
                ? #", "tiers": [{"minimumQuantity": 10, "unitPrice": "\#(Self.amount(cents * 95 / 100))"}, {"minimumQuantity": 100, "unitPrice": "\#(Self.amount(cents * 90 / 100))"}]"#
                : ""
            prices.append(#"{"sku": "\#(sku(index))", "category": "cat-\#(index % Self.categories)", "unitPrice": "\#(Self.amount(cents))"\#(tiers)}"#)
        }
        let list = #"{"currency": "EUR", "name": "Benchmark", "effectiveFrom": "2020-01-01T00:00:00Z", "prices": [\#(prices.joined(separator: ","))]}"#
        try await expectOK(try await BenchHTTP.put(port: port, path: "/v1/price-lists/BENCH", json: list), "price list")
        Console.progress("imported \(skus) SKUs in \(clock.now - started)")

        started = clock.now
        var configuration = try PostgresConfiguration(url: databaseURL)
        configuration.searchPath = [schema]
        let pool = PostgresPool(configuration: configuration, maximumConnections: 1, logger: logger)
        let store = PriceStore(outbox: try OutboxWriter(schema: schema))
        var generator = SeededGenerator(seed: 7)
        var documents: [(String, AgreementDocument)] = []
        for index in 0..<agreements {
            var lines: [String] = []
            var chosen = Set<Int>()
            while chosen.count < Self.agreementLines { chosen.insert(Int.random(in: 0..<skus, using: &generator)) }
            for skuIndex in chosen.sorted() {
                let breaks = skuIndex.isMultiple(of: 3)
                    ? #"[{"minimumQuantity": 1, "unitPrice": "\#(Self.amount(90 + skuIndex % 500))"}]"#
                    : #"[{"minimumQuantity": 1, "percentOff": "5"}, {"minimumQuantity": 50, "percentOff": "12.5"}]"#
                lines.append(#"{"sku": "\#(sku(skuIndex))", "breaks": \#(breaks)}"#)
            }
            let json = #"{"customer": "C-\#(index)", "currency": "EUR", "validFrom": "2020-01-01T00:00:00Z", "lines": [\#(lines.joined(separator: ","))]}"#
            documents.append(("AG-\(index)", try StableJSON.decode(AgreementDocument.self, from: Data(json.utf8))))
        }
        try await pool.transaction { transaction in
            for (id, document) in documents {
                _ = try await store.importAgreement(try document.validated(id: id), document: document, in: transaction)
            }
        }
        await pool.close()
        Console.progress("imported \(agreements) agreements in \(clock.now - started)")

        for index in 0..<20 {
            let promotion = #"{"validFrom": "2020-01-01T00:00:00Z", "validTo": "2099-01-01T00:00:00Z", "categories": ["cat-\#(index)"], "percentOff": "\#(3 + index % 10)"}"#
            try await expectOK(try await BenchHTTP.put(port: port, path: "/v1/promotions/PROMO-\(index)", json: promotion), "promotion")
        }
        started = clock.now
        try await expectOK(try await BenchHTTP.put(port: port, path: "/v1/customer-groups/BENCH", json: #"{"customers": ["C-0"]}"#), "customer group")
        Console.progress("last import and snapshot reload in \(clock.now - started)")
    }

    /// `count` quote bodies: 80 % for customers with agreements, random SKUs and quantities 1–200.
    func quoteBodies(lines: Int, count: Int) async throws -> [[UInt8]] {
        var generator = SeededGenerator(seed: 11)
        return (0..<count).map { _ in
            let customer = Int.random(in: 0..<5, using: &generator) == 0 ? "WALK-IN" : "C-\(Int.random(in: 0..<max(agreements, 1), using: &generator))"
            let items = (0..<lines).map { _ in
                #"{"sku": "\#(sku(Int.random(in: 0..<skus, using: &generator)))", "quantity": \#(Int.random(in: 1...200, using: &generator))}"#
            }
            return Array(#"{"customer": "\#(customer)", "currency": "EUR", "lines": [\#(items.joined(separator: ","))]}"#.utf8)
        }
    }

    static func amount(_ cents: Int) -> String {
        "\(cents / 100).\(String(format: "%02d", cents % 100))"
    }

    private func expectOK(_ response: BenchHTTP.Response, _ what: String) async throws {
        guard response.status == 200 else {
            throw BenchError("the \(what) import failed with \(response.status): \(String(decoding: response.body.prefix(500), as: UTF8.self))")
        }
    }
}

/// A small deterministic generator (SplitMix64), so every run offers the same quotes.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
