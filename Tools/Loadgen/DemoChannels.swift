import Contracts
import Foundation
import ShopifyChannel
import SuiteDriver

/// The demo's channel adapters: a signed Shopify `orders/create` webhook (delivered twice: one order) and an EDI 850
/// purchase order, each followed to confirmation; the EDI order is then shipped and invoiced, and the 855, 856 and
/// 810 generated for the partner are listed (held for pickup: the demo partner has no delivery URL).
struct DemoChannels {
    let client: SuiteClient
    /// The API key's channel.
    let channel: String
    let run: String
    let demo: DemoRun

    static let shop = "wholesail-demo.myshopify.com"
    static let secret = "shpss_wholesail_demo_secret_0001"
    static let partner = "demo-harbor"

    /// Runs both; answers the order ids, for the timelines.
    func run() async throws -> [(title: String, orderID: String)] {
        print("demo: channels — a Shopify webhook and an EDI 850")
        let shopifyOrder = try await shopify()
        let ediOrder = try await edi()
        return [("from a Shopify webhook", shopifyOrder), ("from an EDI 850, shipped and invoiced", ediOrder)]
    }

    private func shopify() async throws -> String {
        try await client.configureShopifyShop(domain: Self.shop, configuration: .object([
            "shopDomain": .string(Self.shop), "channelName": .string(channel), "defaultCustomer": .string(DemoCatalogue.goodCustomer),
            "variantSKUs": .object(["44000000000001": .string("DEMO-WASHER-M8")]), "secret": .string(Self.secret),
        ]))
        // A Shopify-sized id (above 2^53) that differs per run.
        let shopifyID: Int64 = 5_000_000_000_000_000_000 + (Int64(String(run.filter(\.isNumber).suffix(14))) ?? 0)
        let body = Data("""
            {"id": \(shopifyID), "name": "#D\(run)", "currency": "EUR", "presentment_currency": "EUR", "total_price": "10.00",
             "po_number": "DEMO-PO-\(run)", "created_at": "2026-11-28T09:14:02+01:00", "updated_at": "2026-11-28T09:14:03+01:00",
             "shipping_address": {"company": "Isar Bau KG", "address1": "Leopoldstraße 8", "city": "München", "zip": "80802", "country_code": "DE"},
             "line_items": [{"id": 1, "variant_id": 44000000000001, "product_id": 7, "sku": "", "title": "Washer M8", "quantity": 500, "price": "0.02",
                             "price_set": {"shop_money": {"amount": "0.02", "currency_code": "EUR"}, "presentment_money": {"amount": "0.02", "currency_code": "EUR"}}}]}
            """.utf8)
        let signature = ShopifyWebhookSignature.sign(body: Array(body), secret: Self.secret)
        for webhookID in ["demo-\(run)-1", "demo-\(run)-2"] {
            let answer = try await client.deliverShopifyWebhook(shop: Self.shop, topic: "orders/create", eventID: "demo-event-\(run)",
                                                                webhookID: webhookID, body: body, signature: signature)
            print("demo: Shopify webhook \(webhookID) → \(answer["status"]?.stringValue ?? "?")")
        }
        let orderID = try await demo.waitForValue("the order of Shopify order \(shopifyID)") { try await client.order(channelOrderReference: String(shopifyID))?.orderID }
        _ = try await demo.waitFor(orderID, "confirmed") { ["confirmed", "erp_posted"].contains($0.status) }
        return orderID
    }

    private func edi() async throws -> String {
        try await client.configureEDIPartner(id: Self.partner, configuration: .object([
            "channelName": .string(channel), "interchangeQualifier": .string("ZZ"), "interchangeID": .string("DEMOHARBOR"),
            "defaultCustomer": .string(DemoCatalogue.goodCustomer), "defaultCurrency": .string("EUR"),
            "unitsOfMeasure": .object(["EA": .number(1), "BX": .number(100)]),
        ]))
        let control = String(run.filter(\.isNumber).suffix(9))
        let segments = [
            "ISA*00*          *00*          *ZZ*DEMOHARBOR     *ZZ*WHOLESAIL      *261128*0915*U*00401*\(control)*0*P*>",
            "GS*PO*DEMOHARBOR*WHOLESAIL*20261128*0915*1*X*004010",
            "ST*850*0001", "BEG*00*SA*DEMO-EDI-\(run)**20261128",
            "N1*ST*Nordlicht Handel GmbH", "N3*Hafenstraße 12", "N4*Hamburg**20457*DE",
            "PO1*1*2*BX*18.00**SK*DEMO-BOLT-M8-50", "PO1*2*200*EA*0.04**SK*DEMO-NUT-M8", "CTT*2*202", "SE*9*0001",
            "GE*1*1", "IEA*1*\(control)",
        ]
        let report = try await client.sendInterchange(segments.map { $0 + "~\n" }.joined())
        let set = report["transactionSets"]?.arrayValue?.first
        print("demo: EDI interchange \(control) → \(report["status"]?.stringValue ?? "?"); 997 returned (\(report["acknowledgment"]?.stringValue?.count ?? 0) characters)")
        guard let orderID = set?["orderID"]?.stringValue else {
            throw DemoFailure(message: "the EDI 850 was not accepted: \(set?["problems"].map { "\($0)" } ?? "no report")")
        }
        _ = try await demo.waitFor(orderID, "confirmed") { ["confirmed", "erp_posted"].contains($0.status) }
        try await demo.fulfil(orderID)
        let documents = try await demo.waitForValue("the 855, 856 and 810 of \(orderID)") { () async throws -> [JSONValue]? in
            let found = try await client.ediDocuments(partnerID: Self.partner, orderID: orderID)
            return found.count >= 3 ? found : nil
        }
        for document in documents.reversed() {
            print("demo: EDI \(document["documentType"]?.stringValue ?? "?") for \(Self.partner), interchange \(document["interchangeControlNumber"]?.stringValue ?? "?"), \(document["deliveryStatus"]?.stringValue ?? "?")")
        }
        return orderID
    }
}
