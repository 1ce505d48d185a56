import Contracts
import Foundation
import ServiceKit
import SuiteDriver
import Testing
import WholesailTestSupport
import X12

extension BrokerDrivenSuite {
    /// The order with this channel reference, once the orders service has taken it in (adapters work asynchronously).
    func order(reference: String, suite: SuiteUnderTest) async throws -> String {
        try await suite.waitFor("the order with channel reference \(reference)") {
            try await suite.client.order(channelOrderReference: reference)?.orderID
        }
    }

    /// Scenario 6a: a signed Shopify `orders/create` webhook, delivered twice, becomes one order that is priced,
    /// reserved, credit-checked and confirmed like any other.
    @Test func aShopifyWebhookOrderIsConfirmedOnceThroughTheRealBroker() async throws {
        let suite = try suite
        let scenario = Scenario("shopify", suite: suite)
        let warehouse = scenario.warehouse("HAM")
        let bolt = scenario.sku("BOLT")
        let customer = scenario.customer()
        try await scenario.warehouse(warehouse, postalPrefixes: ["20"])
        try await scenario.stock(bolt, [(warehouse, 40)])
        try await scenario.prices([bolt: "12.00"])
        try await scenario.account(customer)

        let shop = "it-\(scenario.suffix.lowercased()).myshopify.com"
        let secret = "shpss_integration_\(scenario.suffix)"
        let variant = Int64.random(in: 1_000_000_000_000...9_000_000_000_000)
        try await suite.client.configureShopifyShop(domain: shop, configuration: .object([
            "shopDomain": .string(shop), "channelName": .string(SuiteUnderTest.channel), "defaultCustomer": .string(customer),
            "variantSKUs": .object([String(variant): .string(bolt)]), "secret": .string(secret),
        ]))
        let shopifyOrderID = Int64.random(in: 5_000_000_000_000_000_000...9_000_000_000_000_000_000)
        let body = Data("""
            {"id": \(shopifyOrderID), "name": "#IT1", "currency": "EUR", "presentment_currency": "EUR", "total_price": "36.00",
             "updated_at": "2026-11-28T09:14:03+01:00", "created_at": "2026-11-28T09:14:02+01:00",
             "shipping_address": {"company": "Nordlicht Handel GmbH", "address1": "Hafenstraße 12", "city": "Hamburg", "zip": "20457", "country_code": "DE"},
             "line_items": [{"id": 1, "variant_id": \(variant), "product_id": 2, "sku": "", "title": "Bolt", "quantity": 3, "price": "12.00",
                             "price_set": {"shop_money": {"amount": "12.00", "currency_code": "EUR"}, "presentment_money": {"amount": "12.00", "currency_code": "EUR"}}}]}
            """.utf8)
        let signature = Data(HMACSHA256.authenticationCode(for: Array(body), key: Array(secret.utf8))).base64EncodedString()
        let first = try await suite.client.deliverShopifyWebhook(shop: shop, topic: "orders/create", eventID: "ev-\(scenario.suffix)", webhookID: "wh-1", body: body, signature: signature)
        let again = try await suite.client.deliverShopifyWebhook(shop: shop, topic: "orders/create", eventID: "ev-\(scenario.suffix)", webhookID: "wh-2", body: body, signature: signature)
        #expect(first["status"]?.stringValue == "accepted")
        #expect(again["status"]?.stringValue == "duplicate")

        let orderID = try await order(reference: String(shopifyOrderID), suite: suite)
        let confirmed = try await suite.waitForOrder(orderID, "confirmed") { $0.status == "confirmed" || $0.status == "erp_posted" }
        #expect(confirmed.total == (try Scenario.euros("36.00")))
        #expect(confirmed.lines.map(\.sku) == [bolt])
        let page = try await suite.client.orders(limit: 200)
        #expect(page.orders.filter { $0.channelOrderReference == String(shopifyOrderID) }.count <= 1)
    }

    /// Scenario 6b: an EDI 850 becomes an order; the partner receives the 855 when it is confirmed, then the 856
    /// and the 810 after dispatch and invoicing — each a valid interchange with its own control numbers.
    @Test func anEDIPurchaseOrderIsConfirmedAndThePartnerGets855Then856And810() async throws {
        try await WebhookReceiver.with(answer: { _ in .status(200) }) { receiver in
            let suite = try suite
            let client = suite.client
            let scenario = Scenario("edi", suite: suite)
            let warehouse = scenario.warehouse("HAM")
            let bolt = scenario.sku("BOLT")
            let customer = scenario.customer()
            try await scenario.warehouse(warehouse, postalPrefixes: ["20"])
            try await scenario.stock(bolt, [(warehouse, 100)])
            try await scenario.prices([bolt: "2.50"])
            try await scenario.account(customer)

            let partnerID = "IT\(scenario.suffix)"
            try await client.configureEDIPartner(id: "it-\(scenario.suffix.lowercased())", configuration: .object([
                "channelName": .string(SuiteUnderTest.channel), "interchangeQualifier": .string("ZZ"), "interchangeID": .string(partnerID),
                "defaultCustomer": .string(customer), "defaultCurrency": .string("EUR"), "deliveryURL": .string(receiver.url),
            ]))
            let number = scenario.reference("PO")
            let segments = [
                "ISA*00*          *00*          *ZZ*\(partnerID.padding(toLength: 15, withPad: " ", startingAt: 0))*ZZ*WHOLESAIL      *261128*0915*U*00401*000000001*0*P*>",
                "GS*PO*\(partnerID)*WHOLESAIL*20261128*0915*1*X*004010",
                "ST*850*0001", "BEG*00*SA*\(number)**20261128",
                "N1*ST*Nordlicht Handel GmbH", "N3*Hafenstraße 12", "N4*Hamburg**20457*DE",
                "PO1*1*8*EA*2.50**SK*\(bolt)", "CTT*1*8", "SE*8*0001", "GE*1*1", "IEA*1*000000001",
            ]
            let report = try await client.sendInterchange(segments.map { $0 + "~\n" }.joined())
            #expect(report["status"]?.stringValue == "accepted")
            let orderID = try #require(report["transactionSets"]?.arrayValue?.first?["orderID"]?.stringValue)

            let confirmed = try await suite.waitForOrder(orderID, "confirmed") { $0.status == "confirmed" || $0.status == "erp_posted" }
            #expect(confirmed.purchaseOrderNumber == number)
            _ = try await suite.waitFor("the 855 at the partner") { receiver.requests.count >= 1 ? true : nil }

            let shipment = try await suite.waitFor("the shipment of order \(orderID)") { try await client.shipments(orderID: orderID).first }
            try await client.postMilestone(shipmentID: shipment.id, MilestoneReport(
                eventID: scenario.reference("DISPATCH"), type: .dispatched, carrier: "UPSN", trackingNumber: "1Z999AA10123456784"
            ))
            _ = try await suite.waitFor("the 856 and 810 at the partner") { receiver.requests.count >= 3 ? true : nil }

            let documents = try receiver.requests.map { request -> (X12Interchange, X12TransactionSet) in
                let interchange = try #require(X12Reader.read(request.body).interchange)
                #expect(interchange.allErrors.isEmpty, "\(interchange.allErrors)")
                return (interchange, try #require(interchange.groups.first?.transactionSets.first))
            }
            #expect(documents.map(\.1.identifier) == ["855", "856", "810"])
            #expect(Set(documents.map(\.0.controlNumber)).count == 3)
            let acknowledgment = try PurchaseOrderAcknowledgment855(documents[0].1)
            #expect(acknowledgment.acknowledgmentType == "AD")
            #expect(acknowledgment.purchaseOrderNumber == number)
            let notice = try ShipNotice856(documents[1].1)
            #expect(notice.shipment.trackingNumber == "1Z999AA10123456784")
            let invoice = try Invoice810(documents[2].1)
            #expect(invoice.purchaseOrderNumber == number)
            // 8 × 2.50 = 20.00 net, 19 % VAT 3.80: TDS 23.80.
            #expect(invoice.totalAmount == Decimal(string: "23.80"))
            let stored = try await client.ediDocuments(partnerID: "it-\(scenario.suffix.lowercased())", orderID: orderID)
            #expect(Set(stored.compactMap { $0["documentType"]?.stringValue }) == ["855", "856", "810"])
        }
    }
}
