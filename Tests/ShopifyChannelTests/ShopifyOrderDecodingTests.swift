import Contracts
import Foundation
import ShopifyChannel
import Testing

@Suite("Shopify order payloads")
struct ShopifyOrderDecodingTests {
    func b2bOrder() throws -> ShopifyOrder { try ShopifyOrder.decode(ShopifyFixtures.bytes("orders-create-b2b.json")) }
    func consumerOrder() throws -> ShopifyOrder { try ShopifyOrder.decode(ShopifyFixtures.bytes("orders-create-consumer.json")) }

    /// A minimal order with `members` replacing or adding top-level members and `line` those of its one line.
    static func order(_ members: String = "", line: String = "") -> [UInt8] {
        let lineJSON = #"{"id": 11, "variant_id": 22, "product_id": 33, "sku": "A-1", "title": "Thing", "quantity": 1, "price": "1.00""#
            + (line.isEmpty ? "" : ", " + line) + "}"
        return Array((#"{"id": 1, "name": "A1", "currency": "USD", "line_items": ["# + lineJSON + "]" + (members.isEmpty ? "" : ", " + members) + "}").utf8)
    }

    func decodingError(_ body: [UInt8]) -> ShopifyPayloadError? {
        do {
            _ = try ShopifyOrder.decode(body)
            return nil
        } catch {
            return error
        }
    }

    @Test func nineteenDigitOrderIDDecodesExactly() throws {
        #expect(try consumerOrder().id == 820_982_911_946_154_508)
        #expect(try b2bOrder().id == 5_739_261_045_781_234_567)
    }

    @Test func idsJustAboveTwoToThe53DecodeExactly() throws {
        // 2^53 + 1 and 2^53 + 3 are the first integers a Double cannot hold: a Double-based decoder gives 2^53 and 2^53 + 4.
        let lines = try b2bOrder().lineItems
        #expect(lines.map(\.id) == [9_007_199_254_740_993, 9_007_199_254_740_995, 9_007_199_254_740_997])
    }

    @Test func idGivenAsANumericStringIsAccepted() throws {
        let order = try ShopifyOrder.decode(Array(#"{"id": "820982911946154508", "name": "A1", "currency": "USD", "line_items": []}"#.utf8))
        #expect(order.id == 820_982_911_946_154_508)
    }

    @Test(arguments: ["1.5", "9223372036854775808", "-4", "\"12abc\"", "true"])
    func idThatIsNotAPositive64BitIntegerIsRefusedAtItsPointer(id: String) {
        let error = decodingError(Array(#"{"id": \#(id), "name": "A1", "currency": "USD", "line_items": []}"#.utf8))
        #expect(error?.pointer == "/id")
    }

    @Test func unitPriceAndPriceSetComeExactlyFromDecimalStrings() throws {
        let line = try #require(try b2bOrder().lineItems.first)
        #expect(line.price == Decimal(string: "12.50"))
        let priceSet = try #require(line.priceSet)
        #expect(priceSet.shopMoney == ShopifyAmount(amount: Decimal(1250) / 100, currency: try Currency(code: "USD")))
        #expect(priceSet.presentmentMoney == ShopifyAmount(amount: Decimal(1705) / 100, currency: try Currency(code: "CAD")))
        #expect(try b2bOrder().totalPrice == Decimal(3060) / 100)
    }

    @Test func priceGivenAsAJSONNumberIsRefusedSayingWhy() throws {
        let error = try #require(decodingError(Self.order(line: #""price": 12.5"#)))
        #expect(error.pointer == "/line_items/0/price")
        #expect(error.detail.contains("decimal string"))
    }

    @Test func priceSetAmountGivenAsAJSONNumberIsRefusedAtItsPointer() throws {
        let body = Self.order(line: #""price_set": {"shop_money": {"amount": 1, "currency_code": "USD"}, "presentment_money": {"amount": "1.00", "currency_code": "USD"}}"#)
        #expect(decodingError(body)?.pointer == "/line_items/0/price_set/shop_money/amount")
    }

    @Test(arguments: ["\"12,50\"", "\"1e3\"", "\"+1\"", "\"\"", "\"01.5\"", "\"1.\""])
    func priceThatIsNotAPlainDecimalIsRefused(price: String) {
        #expect(decodingError(Self.order(line: #""price": \#(price)"#))?.pointer == "/line_items/0/price")
    }

    @Test func customLineHasNeitherVariantNorProduct() throws {
        let custom = try b2bOrder().lineItems[1]
        #expect(custom.variantID == nil)
        #expect(custom.productID == nil)
        #expect(custom.isCustomItem)
        #expect(try b2bOrder().lineItems[0].isCustomItem == false)
    }

    @Test(arguments: ["\"\"", "\"   \"", "null"])
    func emptyOrAbsentSKUIsNil(sku: String) throws {
        let order = try ShopifyOrder.decode(Self.order(line: #""sku": \#(sku)"#))
        #expect(order.lineItems[0].sku == nil)
    }

    @Test func absentShippingAddressIsNilAndBillingAddressIsKept() throws {
        let order = try consumerOrder()
        #expect(order.shippingAddress == nil)
        #expect(order.billingAddress == ShopifyAddress(
            name: "Kim Berger", address1: "Lindenallee 3", city: "Köln", provinceCode: "NW", zip: "50668", countryCode: "DE"
        ))
    }

    @Test func addressMembersAreRead() throws {
        let address = try #require(try b2bOrder().shippingAddress)
        #expect(address == ShopifyAddress(
            name: "Ida Lindqvist", company: "Nordwind Supply", address1: "400 Harbour Road", address2: "Dock 7", city: "Halifax",
            provinceCode: "NS", zip: "B3H 1A1", countryCode: "CA"
        ))
        // An empty address2 reads as absent.
        #expect(try b2bOrder().billingAddress?.address2 == nil)
    }

    @Test func currentQuantityIsReadBesideTheOriginalQuantity() throws {
        let lines = try b2bOrder().lineItems
        #expect(lines[0].quantity == 3)
        #expect(lines[0].currentQuantity == 2)
        #expect(lines[0].effectiveQuantity == 2)
        #expect(lines[2].currentQuantity == 0)
        #expect(lines[2].effectiveQuantity == 0)
    }

    @Test func absentCurrentQuantityFallsBackToQuantity() throws {
        let line = try consumerOrder().lineItems[0]
        #expect(line.currentQuantity == nil)
        #expect(line.effectiveQuantity == 2)
    }

    @Test func negativeQuantityIsRefused() {
        #expect(decodingError(Self.order(line: #""current_quantity": -1"#))?.pointer == "/line_items/0/current_quantity")
    }

    @Test func businessOrderKeepsPurchaseOrderNumberAndCompany() throws {
        let order = try b2bOrder()
        #expect(order.poNumber == "PO-77812")
        #expect(order.company == ShopifyCompany(id: 5_566_778_899, locationID: 6_677_889_900, name: "Nordwind Supply"))
        #expect(order.customerID == 7_001_234_567_890_123_456)
    }

    @Test func consumerOrderHasNoCompanyOrPurchaseOrderNumber() throws {
        let order = try consumerOrder()
        #expect(order.company == nil)
        #expect(order.poNumber == nil)
    }

    @Test func shopAndPresentmentCurrenciesAreKeptApart() throws {
        let order = try b2bOrder()
        #expect(order.currency == (try Currency(code: "USD")))
        #expect(order.presentmentCurrency == (try Currency(code: "CAD")))
    }

    @Test func absentPresentmentCurrencyIsTheShopCurrency() throws {
        let order = try ShopifyOrder.decode(Self.order())
        #expect(order.presentmentCurrency == order.currency)
    }

    @Test func unknownCurrencyIsRefusedAtItsPointer() {
        #expect(decodingError(Self.order(#""presentment_currency": "XYZ""#))?.pointer == "/presentment_currency")
    }

    @Test func bundleComponentsKeepTheirGroupID() throws {
        #expect(try b2bOrder().lineItems.map(\.salesLineItemGroupID) == [nil, nil, 3_344_556_677])
    }

    @Test func timestampsWithOffsetsAndFractionsAreRead() throws {
        let order = try b2bOrder()
        #expect(order.createdAt == Date(timeIntervalSince1970: 1_772_460_930))
        #expect(order.updatedAt == Date(timeIntervalSince1970: 1_772_460_962.25))
        #expect(order.cancelledAt == nil)
    }

    @Test func bodyThatIsNotJSONIsRefusedForTheWholeBody() {
        #expect(decodingError(Array("{\"id\": 1,".utf8))?.pointer == "")
    }

    @Test func orderWithoutLineItemsMemberIsRefused() {
        #expect(decodingError(Array(#"{"id": 1, "name": "A1", "currency": "USD"}"#.utf8))?.pointer == "/line_items")
    }

    @Test func lineWithoutPriceIsRefusedAtItsPointer() {
        let body = Array(#"{"id": 1, "name": "A1", "currency": "USD", "line_items": [{"id": 2, "title": "x", "quantity": 1}]}"#.utf8)
        #expect(decodingError(body) == ShopifyPayloadError(pointer: "/line_items/0/price", detail: "is required"))
    }

    // MARK: Other topics

    @Test func cancellationIsDecoded() throws {
        let cancellation = try ShopifyOrderCancellation.decode(ShopifyFixtures.bytes("orders-cancelled.json"))
        #expect(cancellation == ShopifyOrderCancellation(
            id: 5_739_261_045_781_234_567, name: "#NW-4410", cancelledAt: Date(timeIntervalSince1970: 1_772_542_800),
            cancelReason: "customer", updatedAt: Date(timeIntervalSince1970: 1_772_542_801)
        ))
    }

    @Test func cancellationWithoutCancelledAtIsRefused() {
        #expect(throws: ShopifyPayloadError(pointer: "/cancelled_at", detail: "is required")) {
            try ShopifyOrderCancellation.decode(Array(#"{"id": 5, "cancelled_at": null}"#.utf8))
        }
    }

    @Test func inventoryLevelUpdateIsDecodedWithExactIDsAndNegativeAvailability() throws {
        let update = try ShopifyInventoryLevelUpdate.decode(ShopifyFixtures.bytes("inventory-levels-update.json"))
        #expect(update.inventoryItemID == 8_123_456_789_012_345_678)
        #expect(update.locationID == 61_234_567)
        #expect(update.available == -3)
        #expect(update.updatedAt == Date(timeIntervalSince1970: 1_772_463_600.123))
    }

    // MARK: The shared samples (../shared/samples/shopify/*.json)

    static func sampleFiles() -> [String] { ShopifyFixtures.sampleFiles(in: "shopify", extension: "json") }

    /// Each sample decodes with the decoder of its topic (from its file name); topics Wholesail does not decode must
    /// at least be JSON objects whose ids survive exactly.
    @Test(arguments: sampleFiles())
    func sharedSampleDecodes(file: String) throws {
        let body = try ShopifyFixtures.sampleBytes("shopify/" + file)
        // The first "id" in each sample file is its top-level id, read from the text without any JSON decoder.
        let text = String(decoding: body, as: UTF8.self)
        if file.hasPrefix("orders-") {
            let order = try ShopifyOrder.decode(body)
            #expect(String(order.id) == Self.firstNumber(after: #""id": "#, in: text))
            #expect(!order.lineItems.isEmpty)
            #expect(order.lineItems.allSatisfy { $0.id > 0 })
        } else if file.hasPrefix("inventory_levels-") {
            let update = try ShopifyInventoryLevelUpdate.decode(body)
            #expect(String(update.inventoryItemID) == Self.firstNumber(after: #""inventory_item_id": "#, in: text))
        } else {
            let value = try JSONValue(data: Data(body))
            #expect(value.objectValue != nil)
        }
    }

    static func firstNumber(after marker: String, in text: String) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        return String(text[range.upperBound...].prefix { $0.isNumber })
    }
}
