import Contracts
import Foundation
import Pricing
import Testing
import WholesailTestSupport

/// The pricing service over real PostgreSQL and RabbitMQ: imports, quotes, and orders priced from events.
@Suite("Pricing service")
struct PricingServiceTests {
    static let list = """
        {"currency": "EUR", "name": "Europe", "effectiveFrom": "2026-01-01T00:00:00Z",
         "prices": [
           {"sku": "BOLT-M8", "category": "fasteners", "unitPrice": "0.42", "tiers": [{"minimumQuantity": 100, "unitPrice": "0.38"}]},
           {"sku": "NUT-M8", "category": "fasteners", "unitPrice": "0.10"},
           {"sku": "DRILL-18V", "category": "tools", "unitPrice": "129.00"}
         ]}
        """

    static func receivedOrder(_ orderID: String, customer: String = "C-1", lines: [OrderReceived.Line]) -> OrderReceived {
        OrderReceived(
            orderID: orderID, channel: "shop", channelOrderReference: "R-\(orderID)", customer: customer,
            currency: .EUR, shipTo: PostalAddress(lines: ["Hauptstr. 1"], city: "Berlin", postalCode: "10115", country: "DE"),
            lines: lines, receivedAt: Date(timeIntervalSince1970: 1_790_000_000)
        )
    }

    @Test func aQuoteNamesTheRuleVersionAndTotalsOfEveryLine() async throws {
        try await PricingServiceHarness.with("pricing_quote") { service, _ in
            #expect(try await service.put("/v1/price-lists/EU", json: Self.list).status == 200)
            #expect(try await service.put("/v1/customer-groups/INSTALLERS", json: #"{"customers": ["C-7"]}"#).status == 200)
            #expect(try await service.put("/v1/agreements/AG-INST", json: """
                {"customerGroup": "INSTALLERS", "currency": "EUR", "validFrom": "2026-01-01T00:00:00Z",
                 "lines": [{"sku": "DRILL-18V", "breaks": [{"minimumQuantity": 1, "percentOff": "10"}]}]}
                """).status == 200)
            let promotion = try await service.put("/v1/promotions/SPRING", json: """
                {"validFrom": "2026-01-01T00:00:00Z", "validTo": "2030-01-01T00:00:00Z", "categories": ["fasteners"], "percentOff": "5"}
                """)
            #expect(promotion.status == 200)
            let version = try #require(promotion.json()["version"]?.numberValue)

            let response = try await service.quote("""
                {"customer": "C-7", "currency": "EUR", "lines": [
                  {"sku": "BOLT-M8", "quantity": 150}, {"sku": "NUT-M8", "quantity": 3}, {"sku": "DRILL-18V", "quantity": 2}]}
                """)
            #expect(response.status == 200)
            let quote = try StableJSON.decode(QuoteResponse.self, from: response.body)
            #expect(Decimal(quote.priceVersion) == version)
            #expect(quote.snapshot.stale == false)
            // Tier 0.38 beats the promotion's 0.42 − 5 % = 0.399 → 0.40.
            #expect(quote.lines[0].unitPrice == Money(minorUnits: 38, currency: .EUR))
            #expect(quote.lines[0].rule == PriceRule(kind: .tier, id: "EU", minimumQuantity: 100))
            #expect(quote.lines[0].extendedAmount == Money(minorUnits: 5700, currency: .EUR))
            // 0.10 − 5 % = 0.095 → 0.10 half-even (not strictly lower): the list price stands.
            #expect(quote.lines[1].unitPrice == Money(minorUnits: 10, currency: .EUR))
            #expect(quote.lines[1].rule == PriceRule(kind: .list, id: "EU"))
            // The group agreement: 129.00 − 10 % = 116.10.
            #expect(quote.lines[2].unitPrice == Money(minorUnits: 11610, currency: .EUR))
            #expect(quote.lines[2].rule == PriceRule(kind: .agreement, id: "AG-INST"))
            #expect(quote.total == Money(minorUnits: 5700 + 30 + 23220, currency: .EUR))
        }
    }

    @Test func unpriceableLinesAndUnknownCurrenciesAreProblemsNotServerErrors() async throws {
        try await PricingServiceHarness.with("pricing_problems") { service, _ in
            #expect(try await service.put("/v1/price-lists/EU", json: Self.list).status == 200)

            let lines = try await service.quote(#"{"customer": "C-1", "currency": "EUR", "lines": [{"sku": "NOPE", "quantity": 1}, {"sku": "NUT-M8", "quantity": 0}]}"#)
            #expect(lines.status == 422)
            #expect(lines.header("content-type")?.hasPrefix("application/problem+json") == true)
            let problem = try lines.problem()
            #expect(problem.type == "urn:wholesail:problem:unpriceable-lines")
            #expect(problem.errors.map(\.pointer) == ["/lines/0/sku", "/lines/1/quantity"])

            let currency = try await service.quote(#"{"customer": "C-1", "currency": "USD", "lines": [{"sku": "NUT-M8", "quantity": 1}]}"#)
            #expect(currency.status == 422)
            #expect(try currency.problem().type == "urn:wholesail:problem:no-price-list")

            let invalid = try await service.quote(#"{"customer": "C-1", "currency": "EURO", "lines": [{"sku": "NUT-M8", "quantity": 1}]}"#)
            #expect(invalid.status == 422)
            #expect(try invalid.problem().errors.map(\.pointer) == ["/currency"])

            let malformed = try await service.quote(#"{"customer": "C-1", "currency": "EUR", "lines": [{"sku": "NUT-M8", "quantity": 1.5}]}"#)
            #expect(malformed.status == 400)
        }
    }

    @Test func aMalformedCSVChangesNothingAndAGoodOneSwapsTheVersion() async throws {
        try await PricingServiceHarness.with("pricing_csv") { service, schema in
            let first = try await service.put("/v1/price-lists/EU", json: Self.list)
            let firstVersion = try #require(first.json()["version"]?.numberValue)
            let path = "/v1/price-lists/EU?currency=EUR&effectiveFrom=2026-01-01T00:00:00Z"

            let bad = try await service.client.put(path, body: "sku,unit_price,min_quantity\nBOLT-M8,0.50,1\nNUT-M8,0.123,1\nBOLT-M8,0.45,ten\n", contentType: "text/csv")
            #expect(bad.status == 422)
            let problem = try bad.problem()
            #expect(problem.errors.map(\.pointer) == ["#row=3", "#row=4"])
            #expect(problem.errors[0].detail.hasPrefix("row 3, unit_price:"))
            // Nothing changed: same version, same stored prices, same quotes.
            let current = try await service.client.get("/v1/price-versions/current").json()
            #expect(current["version"]?.numberValue == firstVersion)
            #expect(try await schema.pool.query("SELECT count(*) FROM list_prices").first?.decode(Int.self, at: 0) == 3)
            let before = try StableJSON.decode(QuoteResponse.self, from: try await service.quote(#"{"customer": "C-1", "currency": "EUR", "lines": [{"sku": "BOLT-M8", "quantity": 1}]}"#).body)
            #expect(before.lines[0].unitPrice == Money(minorUnits: 42, currency: .EUR))

            let good = try await service.client.put(path, body: "sku,category,min_quantity,unit_price\r\nBOLT-M8,fasteners,1,0.50\r\n\"NUT-M8\",fasteners,1,0.11\r\n", contentType: "text/csv")
            #expect(good.status == 200)
            let after = try StableJSON.decode(QuoteResponse.self, from: try await service.quote(#"{"customer": "C-1", "currency": "EUR", "lines": [{"sku": "BOLT-M8", "quantity": 1}]}"#).body)
            #expect(after.priceVersion == before.priceVersion + 1)
            #expect(after.lines[0].unitPrice == Money(minorUnits: 50, currency: .EUR))
            // DRILL-18V left the list: it is unknown now, and its removal was announced.
            let removed = try await service.quote(#"{"customer": "C-1", "currency": "EUR", "lines": [{"sku": "DRILL-18V", "quantity": 1}]}"#)
            #expect(removed.status == 422)
            let changes = try await service.collect(PriceChanged.self, expecting: 6)
            #expect(changes.filter { $0.payload.version == after.priceVersion }.map(\.payload.sku).sorted() == ["BOLT-M8", "DRILL-18V", "NUT-M8"])
            #expect(changes.first { $0.payload.sku == "DRILL-18V" && $0.payload.version == after.priceVersion }?.payload.unitPrice == nil)
        }
    }

    @Test func anOrderReceivedEventIsPricedAndTheChannelPriceMismatchFlagged() async throws {
        try await PricingServiceHarness.with("pricing_order") { service, schema in
            #expect(try await service.put("/v1/price-lists/EU", json: Self.list).status == 200)
            let order = Self.receivedOrder("O-1", lines: [
                OrderReceived.Line(lineNumber: 1, sku: "BOLT-M8", quantity: 200, channelUnitPrice: Money(minorUnits: 38, currency: .EUR)),
                OrderReceived.Line(lineNumber: 2, sku: "DRILL-18V", quantity: 1, channelUnitPrice: Money(minorUnits: 9900, currency: .EUR)),
            ])
            let envelope = try EventEnvelope(payload: order, correlationID: order.orderID)
            try await service.publish(envelope)

            let priced = try #require(try await service.collect(OrderPriced.self, expecting: 1).first)
            #expect(priced.causationID == envelope.id)
            #expect(priced.correlationID == "O-1")
            #expect(priced.payload.lines.map(\.unitPrice) == [Money(minorUnits: 38, currency: .EUR), Money(minorUnits: 12900, currency: .EUR)])
            #expect(priced.payload.lines.map(\.extendedAmount) == [Money(minorUnits: 7600, currency: .EUR), Money(minorUnits: 12900, currency: .EUR)])
            #expect(priced.payload.total == Money(minorUnits: 20500, currency: .EUR))
            #expect(priced.payload.lines[0].priceMismatch == nil)
            #expect(priced.payload.lines[1].priceMismatch?.difference == Money(minorUnits: -3000, currency: .EUR))
            #expect(priced.payload.mismatchedLines == 1)
            #expect(try await schema.pool.query("SELECT outcome FROM priced_orders WHERE order_id = 'O-1'").first?.decode(String.self, at: 0) == "priced")
            let metrics = try await service.client.get("/metrics").text
            #expect(metrics.contains("pricing_channel_price_mismatches_total 1"))
        }
    }

    @Test func aRedeliveredOrderIsPricedOnce() async throws {
        try await PricingServiceHarness.with("pricing_redelivery") { service, schema in
            #expect(try await service.put("/v1/price-lists/EU", json: Self.list).status == 200)
            let order = Self.receivedOrder("O-2", lines: [OrderReceived.Line(lineNumber: 1, sku: "NUT-M8", quantity: 10)])
            let envelope = try EventEnvelope(payload: order, correlationID: order.orderID)
            try await service.publish(envelope)
            try await service.publish(envelope)

            #expect(try await eventually {
                try await schema.pool.query("SELECT count(*) FROM inbox").first?.decode(Int.self, at: 0) == 1
            })
            // The one priced event arrives (however slowly); then no second one within a further three seconds.
            let priced = try await service.collect(OrderPriced.self, expecting: 1, timeout: .seconds(60))
            #expect(priced.count == 1)
            #expect(try await service.collect(OrderPriced.self, expecting: 1, timeout: .seconds(3)).isEmpty)
            #expect(try await schema.pool.query("SELECT count(*) FROM priced_orders").first?.decode(Int.self, at: 0) == 1)
        }
    }

    @Test func anOrderAskedAgainGetsTheFirstDecisionAgain() async throws {
        try await PricingServiceHarness.with("pricing_reasked") { service, schema in
            #expect(try await service.put("/v1/price-lists/EU", json: Self.list).status == 200)
            let order = Self.receivedOrder("O-2", lines: [OrderReceived.Line(lineNumber: 1, sku: "NUT-M8", quantity: 10)])
            try await service.publish(try EventEnvelope(payload: order, correlationID: order.orderID))
            let first = try #require(try await service.collect(OrderPriced.self, expecting: 1, timeout: .seconds(60)).first)
            // A price change in between must not change the answer: the order was priced once, at its receipt.
            #expect(try await service.put("/v1/price-lists/EU", json: Self.list.replacingOccurrences(of: "\"0.10\"", with: "\"0.12\"")).status == 200)

            // The orders service asks again under a new message id (its step deadline passed).
            try await service.publish(try EventEnvelope(payload: order, correlationID: order.orderID))
            let again = try #require(try await service.collect(OrderPriced.self, expecting: 1, timeout: .seconds(60)).first)
            #expect(again.payload == first.payload)
            #expect(again.id != first.id)
            #expect(try await schema.pool.query("SELECT count(*) FROM priced_orders").first?.decode(Int.self, at: 0) == 1)
        }
    }

    @Test func anOrderWithAnUnknownSKUIsRejectedWithTheReason() async throws {
        try await PricingServiceHarness.with("pricing_reject") { service, _ in
            #expect(try await service.put("/v1/price-lists/EU", json: Self.list).status == 200)
            let order = Self.receivedOrder("O-3", lines: [
                OrderReceived.Line(lineNumber: 1, sku: "NUT-M8", quantity: 1),
                OrderReceived.Line(lineNumber: 2, sku: "GHOST", quantity: 1),
            ])
            try await service.publish(try EventEnvelope(payload: order, correlationID: order.orderID))
            let rejected = try #require(try await service.collect(OrderPricingRejected.self, expecting: 1).first)
            #expect(rejected.payload.reasons.map(\.code) == ["unknown-sku"])
            #expect(rejected.payload.reasons.first?.lineNumber == 2)
            #expect(rejected.payload.reasons.first?.sku == "GHOST")
        }
    }

    @Test func anotherInstanceLoadsAnImportFromThePublishedEvent() async throws {
        // The periodic check is an hour away: only the event can tell the second instance.
        let slowRefresh = PricingConfiguration(refreshInterval: .seconds(3600))
        try await PricingServiceHarness.with("pricing_instances", pricing: slowRefresh) { first, _ in
            #expect(try await first.put("/v1/price-lists/EU", json: Self.list).status == 200)
            let second = try PricingService.make(configuration: first.setup.configuration, pricing: slowRefresh, logger: testLogger("second")).start()
            do {
                let client = HTTPTestClient(port: try await second.httpPort())
                #expect(try await eventually { try await client.get("/health/ready").status == 200 })
                let before = try #require(try await client.get("/v1/price-versions/current").json()["version"]?.numberValue)
                let imported = try await first.put("/v1/promotions/FLASH", json: """
                    {"validFrom": "2026-01-01T00:00:00Z", "validTo": "2030-01-01T00:00:00Z", "skus": ["DRILL-18V"], "percentOff": "20"}
                    """)
                let version = try #require(imported.json()["version"]?.numberValue)
                #expect(version != before)
                #expect(try await eventually(timeout: .seconds(30)) {
                    try await client.get("/v1/price-versions/current").json()["version"]?.numberValue == version
                })
                try await second.shutdown()
            } catch {
                try? await second.shutdown()
                throw error
            }
        }
    }
}
