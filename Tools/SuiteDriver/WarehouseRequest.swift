/// A warehouse as the ERP/WMS feeds it to inventory (`PUT /v1/warehouses/{id}`): where it is and whom it serves
/// first (order routing prefers a matching postal prefix, then region, then country).
public struct WarehouseRequest: Codable, Sendable, Hashable {
    /// ISO 3166-1 alpha-2.
    public var country: String
    public var regions: [String]?
    public var postalPrefixes: [String]?

    public init(country: String, regions: [String]? = nil, postalPrefixes: [String]? = nil) {
        self.country = country
        self.regions = regions
        self.postalPrefixes = postalPrefixes
    }
}
