/// A Shopify shipping or billing address, reduced to what a delivery needs. Blank strings read as absent.
public struct ShopifyAddress: Sendable, Hashable {
    public var name: String?
    public var company: String?
    public var address1: String?
    public var address2: String?
    public var city: String?
    /// The province or state code, e.g. `KY`.
    public var provinceCode: String?
    public var zip: String?
    /// ISO 3166-1 alpha-2, e.g. `US`.
    public var countryCode: String?

    public init(
        name: String? = nil, company: String? = nil, address1: String? = nil, address2: String? = nil, city: String? = nil,
        provinceCode: String? = nil, zip: String? = nil, countryCode: String? = nil
    ) {
        self.name = name
        self.company = company
        self.address1 = address1
        self.address2 = address2
        self.city = city
        self.provinceCode = provinceCode
        self.zip = zip
        self.countryCode = countryCode
    }

    init(_ object: ShopifyJSONObject) throws(ShopifyPayloadError) {
        self.init(
            name: try object.optionalString("name"), company: try object.optionalString("company"),
            address1: try object.optionalString("address1"), address2: try object.optionalString("address2"),
            city: try object.optionalString("city"), provinceCode: try object.optionalString("province_code"),
            zip: try object.optionalString("zip"), countryCode: try object.optionalString("country_code")
        )
    }
}
