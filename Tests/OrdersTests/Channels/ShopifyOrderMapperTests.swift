import Contracts
import Foundation
import Orders
import ShopifyChannel
import Testing

@Suite("Shopify order mapper")
struct ShopifyOrderMapperTests {
    static let usd = Currency.USD
    static let cad = Currency.CAD
    static let jpy = Currency.JPY

    static let shop = ShopifyShopConfiguration(
        shopDomain: "nordwind.myshopify.com", channelName: "shopify-nordwind", defaultCustomer: "C-RETAIL",
        companyCustomers: ["6677889900": "C-NORDWIND-HFX", "5566778899": "C-NORDWIND"],
        variantSKUs: ["44556677889900112": "BOLT-M8-50"], customItemSKU: "SERVICE-CUSTOM"
    )

    static let harbour = ShopifyAddress(
        name: "Ida Lindqvist", company: "Nordwind Supply", address1: "400 Harbour Road", address2: "Dock 7", city: "Halifax",
        provinceCode: "NS", zip: "B3H 1A1", countryCode: "CA"
    )

    static func amount(_ text: String, _ currency: Currency) -> ShopifyAmount {
        ShopifyAmount(amount: Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan, currency: currency)
    }

    /// A catalogue line priced `shop` USD / `presentment` CAD.
    static func line(
        id: Int64 = 9_007_199_254_740_993, variant: Int64? = 44_556_677_889_900_112, product: Int64? = 8_877_665_544_332_211,
        sku: String? = "WS-BOLT-M8", quantity: Int = 3, currentQuantity: Int? = nil, shop: String = "12.50", presentment: String = "17.05",
        shopCurrency: Currency = usd, presentmentCurrency: Currency = cad
    ) -> ShopifyLineItem {
        ShopifyLineItem(
            id: id, variantID: variant, productID: product, sku: sku, title: "Hex bolt M8 x 50", quantity: quantity,
            currentQuantity: currentQuantity, price: amount(shop, shopCurrency).amount,
            priceSet: ShopifyPriceSet(shopMoney: amount(shop, shopCurrency), presentmentMoney: amount(presentment, presentmentCurrency))
        )
    }

    static func order(
        lines: [ShopifyLineItem] = [line()], company: ShopifyCompany? = nil, shipping: ShopifyAddress? = harbour,
        billing: ShopifyAddress? = nil, currency: Currency = usd, presentment: Currency = cad, poNumber: String? = nil
    ) -> ShopifyOrder {
        ShopifyOrder(
            id: 5_739_261_045_781_234_567, name: "#NW-4410", currency: currency, presentmentCurrency: presentment, poNumber: poNumber,
            company: company, shippingAddress: shipping, billingAddress: billing, lineItems: lines
        )
    }

    func mappingError(_ order: ShopifyOrder, shop: ShopifyShopConfiguration = shop) -> ShopifyMappingError? {
        do {
            _ = try ShopifyOrderMapper.map(order, shop: shop)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Reference, channel, customer

    @Test func referenceIsTheShopifyOrderIDAsDecimalText() throws {
        #expect(try ShopifyOrderMapper.map(Self.order(), shop: Self.shop).request.channelOrderReference == "5739261045781234567")
    }

    @Test func channelIsTheShopsChannelName() throws {
        #expect(try ShopifyOrderMapper.map(Self.order(), shop: Self.shop).request.channel == "shopify-nordwind")
    }

    @Test func customerComesFromTheCompanyLocationFirst() throws {
        let order = Self.order(company: ShopifyCompany(id: 5_566_778_899, locationID: 6_677_889_900))
        #expect(try ShopifyOrderMapper.map(order, shop: Self.shop).request.customer == "C-NORDWIND-HFX")
    }

    @Test func customerComesFromTheCompanyWhenItsLocationIsNotMapped() throws {
        let order = Self.order(company: ShopifyCompany(id: 5_566_778_899, locationID: 1))
        #expect(try ShopifyOrderMapper.map(order, shop: Self.shop).request.customer == "C-NORDWIND")
    }

    @Test func orderWithoutCompanyGoesToTheDefaultCustomer() throws {
        #expect(try ShopifyOrderMapper.map(Self.order(), shop: Self.shop).request.customer == "C-RETAIL")
    }

    @Test func unmappedCompanyFallsBackToTheDefaultCustomer() throws {
        let order = Self.order(company: ShopifyCompany(id: 42, locationID: 43))
        #expect(try ShopifyOrderMapper.map(order, shop: Self.shop).request.customer == "C-RETAIL")
    }

    @Test func unmappedCompanyWithoutDefaultCustomerIsAnErrorAtTheCompany() throws {
        var shop = Self.shop
        shop.defaultCustomer = nil
        let error = try #require(mappingError(Self.order(company: ShopifyCompany(id: 42, locationID: 43)), shop: shop))
        #expect(error.violations.map(\.pointer) == ["/company"])
        #expect(error.violations[0].detail.contains("42"))
    }

    @Test func orderWithoutCompanyOrDefaultCustomerIsAnError() throws {
        var shop = Self.shop
        shop.defaultCustomer = nil
        let error = try #require(mappingError(Self.order(), shop: shop))
        #expect(error.violations.count == 1)
        #expect(error.violations[0].detail.contains("defaultCustomer"))
    }

    // MARK: Currency and prices

    @Test func shopCurrencySourceUsesTheShopCurrencyAndShopMoney() throws {
        let request = try ShopifyOrderMapper.map(Self.order(), shop: Self.shop).request
        #expect(request.currency == Self.usd)
        #expect(request.lines[0].unitPrice == Money(minorUnits: 1250, currency: Self.usd))
    }

    @Test func presentmentCurrencySourceUsesThePresentmentCurrencyAndMoney() throws {
        var shop = Self.shop
        shop.currencySource = .presentment
        let request = try ShopifyOrderMapper.map(Self.order(), shop: shop).request
        #expect(request.currency == Self.cad)
        #expect(request.lines[0].unitPrice == Money(minorUnits: 1705, currency: Self.cad))
    }

    @Test func priceSetInAnotherCurrencyThanTheOrderIsAnError() throws {
        let error = try #require(mappingError(Self.order(lines: [Self.line(shopCurrency: Self.cad)])))
        #expect(error.violations.map(\.pointer) == ["/line_items/0/price_set/shop_money/currency_code"])
    }

    @Test func lineWithoutPriceSetUsesPriceForTheShopCurrency() throws {
        var line = Self.line(shop: "7.25")
        line.priceSet = nil
        let request = try ShopifyOrderMapper.map(Self.order(lines: [line]), shop: Self.shop).request
        #expect(request.lines[0].unitPrice == Money(minorUnits: 725, currency: Self.usd))
    }

    @Test func zeroDecimalCurrencyPriceIsKeptInWholeUnits() throws {
        let order = Self.order(lines: [Self.line(shop: "1200", presentment: "1200", shopCurrency: Self.jpy, presentmentCurrency: Self.jpy)],
                               currency: Self.jpy, presentment: Self.jpy)
        #expect(try ShopifyOrderMapper.map(order, shop: Self.shop).request.lines[0].unitPrice == Money(minorUnits: 1200, currency: Self.jpy))
    }

    @Test(arguments: [("12.345", "USD"), ("1200.5", "JPY")])
    func priceNeedingMoreDecimalsThanTheCurrencyHasIsRefused(price: String, code: String) throws {
        let currency = try Currency(code: code)
        let order = Self.order(lines: [Self.line(shop: price, presentment: price, shopCurrency: currency, presentmentCurrency: currency)],
                               currency: currency, presentment: currency)
        let error = try #require(mappingError(order))
        #expect(error.violations.map(\.pointer) == ["/line_items/0/price_set/shop_money/amount"])
    }

    @Test func trailingZerosBeyondTheCurrencysDecimalsAreNotAProblem() throws {
        let order = Self.order(lines: [Self.line(shop: "1200.00", presentment: "1200.00", shopCurrency: Self.jpy, presentmentCurrency: Self.jpy)],
                               currency: Self.jpy, presentment: Self.jpy)
        #expect(try ShopifyOrderMapper.map(order, shop: Self.shop).request.lines[0].unitPrice == Money(minorUnits: 1200, currency: Self.jpy))
    }

    @Test func negativePriceIsRefused() throws {
        let error = try #require(mappingError(Self.order(lines: [Self.line(shop: "-1.00")])))
        #expect(error.violations.map(\.pointer) == ["/line_items/0/price_set/shop_money/amount"])
    }

    // MARK: Quantities

    @Test func currentQuantityWinsOverTheOriginalQuantity() throws {
        let order = Self.order(lines: [Self.line(quantity: 3, currentQuantity: 2)])
        #expect(try ShopifyOrderMapper.map(order, shop: Self.shop).request.lines[0].quantity == 2)
    }

    @Test func quantityIsUsedWhenCurrentQuantityIsAbsent() throws {
        #expect(try ShopifyOrderMapper.map(Self.order(), shop: Self.shop).request.lines[0].quantity == 3)
    }

    @Test func linesWithNoUnitsLeftAreDropped() throws {
        let order = Self.order(lines: [
            Self.line(id: 1, variant: nil, sku: "KEEP-1", currentQuantity: 1),
            Self.line(id: 2, variant: nil, sku: nil, currentQuantity: 0),  // no SKU either: dropped lines are not checked
            Self.line(id: 3, variant: nil, sku: "KEEP-3", quantity: 5),
        ])
        let lines = try ShopifyOrderMapper.map(order, shop: Self.shop).request.lines
        #expect(lines.map(\.sku) == ["KEEP-1", "KEEP-3"])
        #expect(lines.map(\.quantity) == [1, 5])
    }

    @Test func orderWhoseLinesAllHaveNoUnitsLeftIsAnError() throws {
        let order = Self.order(lines: [Self.line(id: 1, currentQuantity: 0), Self.line(id: 2, currentQuantity: 0)])
        let error = try #require(mappingError(order))
        #expect(error.violations.map(\.pointer) == ["/line_items"])
    }

    // MARK: SKUs

    @Test func mappedVariantSKUWinsOverTheLinesSKU() throws {
        #expect(try ShopifyOrderMapper.map(Self.order(), shop: Self.shop).request.lines[0].sku == "BOLT-M8-50")
    }

    @Test func linesSKUIsUsedWhenTheVariantIsNotMapped() throws {
        let order = Self.order(lines: [Self.line(variant: 777)])
        #expect(try ShopifyOrderMapper.map(order, shop: Self.shop).request.lines[0].sku == "WS-BOLT-M8")
    }

    @Test func customLineWithoutSKUGetsTheShopsCustomItemSKU() throws {
        let order = Self.order(lines: [Self.line(variant: nil, product: nil, sku: nil)])
        #expect(try ShopifyOrderMapper.map(order, shop: Self.shop).request.lines[0].sku == "SERVICE-CUSTOM")
    }

    @Test func customLineWithoutSKUOrCustomItemSKUIsAnErrorNamingTheLine() throws {
        var shop = Self.shop
        shop.customItemSKU = nil
        let order = Self.order(lines: [Self.line(id: 1, variant: 777), Self.line(id: 2, variant: nil, product: nil, sku: nil)])
        let error = try #require(mappingError(order, shop: shop))
        #expect(error.violations.map(\.pointer) == ["/line_items/1"])
        #expect(error.violations[0].detail.contains("customItemSKU"))
    }

    @Test func catalogueLineWithoutSKUOrMappingIsAnErrorNamingTheLineAndVariant() throws {
        let order = Self.order(lines: [Self.line(id: 1, variant: 777), Self.line(id: 2, variant: 888, sku: nil)])
        let error = try #require(mappingError(order))
        #expect(error.violations.map(\.pointer) == ["/line_items/1"])
        #expect(error.violations[0].detail.contains("888"))
    }

    @Test func skuThatIsNotAWholesailIdentifierIsRefusedAtTheLinesSKU() throws {
        let error = try #require(mappingError(Self.order(lines: [Self.line(variant: 777, sku: "SKU 2006/01")])))
        #expect(error.violations.map(\.pointer) == ["/line_items/0/sku"])
    }

    // MARK: Addresses

    @Test func shipToComesFromTheShippingAddressFieldByField() throws {
        let shipTo = try ShopifyOrderMapper.map(Self.order(billing: ShopifyAddress(address1: "x", city: "y", countryCode: "US")), shop: Self.shop).request.shipTo
        #expect(shipTo == PostalAddress(
            name: "Ida Lindqvist", company: "Nordwind Supply", lines: ["400 Harbour Road", "Dock 7"], city: "Halifax", region: "NS",
            postalCode: "B3H 1A1", country: "CA"
        ))
    }

    @Test func shipToFallsBackToTheBillingAddress() throws {
        let billing = ShopifyAddress(name: "Kim Berger", address1: "Lindenallee 3", city: "Köln", provinceCode: "NW", zip: "50668", countryCode: "DE")
        let shipTo = try ShopifyOrderMapper.map(Self.order(shipping: nil, billing: billing), shop: Self.shop).request.shipTo
        #expect(shipTo == PostalAddress(name: "Kim Berger", lines: ["Lindenallee 3"], city: "Köln", region: "NW", postalCode: "50668", country: "DE"))
    }

    @Test func orderWithoutAnyAddressIsAnError() throws {
        let error = try #require(mappingError(Self.order(shipping: nil, billing: nil)))
        #expect(error.violations.map(\.pointer) == ["/shipping_address"])
    }

    @Test func addressWithoutCityIsAnErrorAtTheCity() throws {
        var address = Self.harbour
        address.city = nil
        #expect(mappingError(Self.order(shipping: address))?.violations.map(\.pointer) == ["/shipping_address/city"])
    }

    @Test func countryTheValidatorRefusesIsReportedAtTheShopifyField() throws {
        var address = Self.harbour
        address.countryCode = "Canada"
        #expect(mappingError(Self.order(shipping: address))?.violations.map(\.pointer) == ["/shipping_address/country_code"])
    }

    // MARK: Result

    @Test func thePurchaseOrderNumberTravelsWithTheOrderAndTheNameIsKeptBesideIt() throws {
        let mapped = try ShopifyOrderMapper.map(Self.order(poNumber: "PO-77812"), shop: Self.shop)
        #expect(mapped.request.purchaseOrderNumber == "PO-77812")
        #expect(mapped.requestBody["purchaseOrderNumber"]?.stringValue == "PO-77812")
        #expect(mapped.shopifyName == "#NW-4410")
    }

    @Test func everyProblemIsListedAtOnce() throws {
        var shop = Self.shop
        shop.defaultCustomer = nil
        let order = Self.order(lines: [Self.line(id: 1, variant: 1, sku: nil), Self.line(id: 2, shop: "0.001")], shipping: nil)
        let error = try #require(mappingError(order, shop: shop))
        #expect(Set(error.violations.map(\.pointer)) == ["", "/line_items/0", "/line_items/1/price_set/shop_money/amount", "/shipping_address"])
    }

    @Test func mappedOrderPassesTheValidatorAsItsOwnJSON() throws {
        let order = Self.order(
            lines: [Self.line(id: 1, currentQuantity: 2), Self.line(id: 2, variant: nil, product: nil, sku: nil, quantity: 1, shop: "5.60"),
                    Self.line(id: 3, variant: 9, sku: "WS-NUT-M8", currentQuantity: 0)],
            company: ShopifyCompany(id: 5_566_778_899, locationID: 6_677_889_900), poNumber: "PO-77812"
        )
        let mapped = try ShopifyOrderMapper.map(order, shop: Self.shop)
        // Through bytes, as a channel would post it.
        let json = try JSONValue(data: mapped.requestBody.encoded())
        #expect(try OrderRequestValidator.validate(json) == mapped.request)
        #expect(mapped.request.lines == [
            OrderRequest.Line(sku: "BOLT-M8-50", quantity: 2, unitPrice: Money(minorUnits: 1250, currency: Self.usd)),
            OrderRequest.Line(sku: "SERVICE-CUSTOM", quantity: 1, unitPrice: Money(minorUnits: 560, currency: Self.usd)),
        ])
    }

    // MARK: The shared samples (../shared/samples/shopify/orders-*.json)

    static let samplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/samples/shopify")

    static func sampleOrders() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: samplesDirectory.path)) ?? [])
            .filter { $0.hasPrefix("orders-") && $0.hasSuffix(".json") }.sorted()
    }

    @Test(arguments: sampleOrders())
    func sharedSampleOrderMapsAndValidates(file: String) throws {
        let data = try #require(FileManager.default.contents(atPath: Self.samplesDirectory.appendingPathComponent(file).path))
        let order = try ShopifyOrder.decode([UInt8](data))
        let shop = ShopifyShopConfiguration(shopDomain: "jsmith.myshopify.com", channelName: "shopify-jsmith", defaultCustomer: "C-WEB")
        let mapped = try ShopifyOrderMapper.map(order, shop: shop)
        #expect(mapped.request.channelOrderReference == String(order.id))
        #expect(try OrderRequestValidator.validate(JSONValue(data: mapped.requestBody.encoded())) == mapped.request)
    }
}
