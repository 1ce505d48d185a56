/// How one Shopify shop's orders become Wholesail orders: which channel they arrive on, which ERP customer is billed,
/// which ERP SKU each variant is, and which currency counts. Data, not code: one value per shop.
///
/// Webhook secrets are deliberately not here (they are stored and rotated separately, and this value is logged).
public struct ShopifyShopConfiguration: Codable, Sendable, Hashable {
    /// The shop's `*.myshopify.com` domain, lower-cased, as `X-Shopify-Shop-Domain` sends it.
    public var shopDomain: String
    /// The Wholesail channel the shop's orders arrive on, e.g. `shopify-acme`.
    public var channelName: String
    /// The ERP customer for orders without a mapped company (consumer orders); nil → such orders cannot be mapped.
    public var defaultCustomer: String?
    /// Shopify company location id or company id, as decimal text → ERP customer. A location wins over its company.
    public var companyCustomers: [String: String]
    /// Shopify variant id as decimal text → ERP SKU; wins over the line's own `sku`.
    public var variantSKUs: [String: String]
    /// The ERP SKU for custom lines (no product, no variant); nil → an order with such a line cannot be mapped.
    public var customItemSKU: String?
    /// Which currency the Wholesail order is in.
    public var currencySource: ShopifyCurrencySource

    public init(
        shopDomain: String, channelName: String, defaultCustomer: String? = nil, companyCustomers: [String: String] = [:],
        variantSKUs: [String: String] = [:], customItemSKU: String? = nil, currencySource: ShopifyCurrencySource = .shop
    ) {
        self.shopDomain = shopDomain
        self.channelName = channelName
        self.defaultCustomer = defaultCustomer
        self.companyCustomers = companyCustomers
        self.variantSKUs = variantSKUs
        self.customItemSKU = customItemSKU
        self.currencySource = currencySource
    }

    private enum CodingKeys: String, CodingKey {
        case shopDomain, channelName, defaultCustomer, companyCustomers, variantSKUs, customItemSKU, currencySource
    }

    /// Decodes a configuration; the maps default to empty and the currency source to `shop` when absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            shopDomain: try container.decode(String.self, forKey: .shopDomain),
            channelName: try container.decode(String.self, forKey: .channelName),
            defaultCustomer: try container.decodeIfPresent(String.self, forKey: .defaultCustomer),
            companyCustomers: try container.decodeIfPresent([String: String].self, forKey: .companyCustomers) ?? [:],
            variantSKUs: try container.decodeIfPresent([String: String].self, forKey: .variantSKUs) ?? [:],
            customItemSKU: try container.decodeIfPresent(String.self, forKey: .customItemSKU),
            currencySource: try container.decodeIfPresent(ShopifyCurrencySource.self, forKey: .currencySource) ?? .shop
        )
    }
}
