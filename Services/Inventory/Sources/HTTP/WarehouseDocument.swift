/// The body of `PUT /v1/warehouses/{id}`: where a warehouse is and which ship-to areas it serves first.
///
/// ```json
/// {"country": "DE", "regions": ["BY"], "postalPrefixes": ["80", "81", "85"]}
/// ```
public struct WarehouseDocument: Codable, Sendable {
    public var country: String
    public var regions: [String]?
    public var postalPrefixes: [String]?
}
