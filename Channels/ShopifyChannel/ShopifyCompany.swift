/// The B2B company an order was placed for (Shopify B2B); its location decides which ERP customer is billed.
public struct ShopifyCompany: Sendable, Hashable {
    public var id: Int64
    /// The company location the order was placed from, when Shopify sends it.
    public var locationID: Int64?
    public var name: String?

    public init(id: Int64, locationID: Int64? = nil, name: String? = nil) {
        self.id = id
        self.locationID = locationID
        self.name = name
    }

    init(_ object: ShopifyJSONObject) throws(ShopifyPayloadError) {
        self.init(id: try object.requiredIdentifier("id"), locationID: try object.optionalIdentifier("location_id"), name: try object.optionalString("name"))
    }
}
