import Foundation
import ShopifyChannel
import Testing

@Suite("Shopify shop configuration")
struct ShopifyShopConfigurationTests {
    @Test func minimalConfigurationDecodesWithEmptyMapsAndShopCurrency() throws {
        let json = Data(#"{"shopDomain": "acme.myshopify.com", "channelName": "shopify-acme", "defaultCustomer": "C-100"}"#.utf8)
        let configuration = try JSONDecoder().decode(ShopifyShopConfiguration.self, from: json)
        #expect(configuration == ShopifyShopConfiguration(shopDomain: "acme.myshopify.com", channelName: "shopify-acme", defaultCustomer: "C-100"))
        #expect(configuration.currencySource == .shop)
        #expect(configuration.variantSKUs.isEmpty)
    }

    @Test func fullConfigurationSurvivesARoundTrip() throws {
        let configuration = ShopifyShopConfiguration(
            shopDomain: "acme.myshopify.com", channelName: "shopify-acme", defaultCustomer: nil,
            companyCustomers: ["6677889900": "C-NORDWIND"], variantSKUs: ["44556677889900112": "BOLT-M8-50"],
            customItemSKU: "CUSTOM-SERVICE", currencySource: .presentment
        )
        let decoded = try JSONDecoder().decode(ShopifyShopConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(decoded == configuration)
    }
}
