/// A warehouse stock can ship from, with what routing needs to rank it for a ship-to address.
public struct Warehouse: Sendable, Hashable {
    public var id: String
    /// ISO 3166-1 alpha-2 country it ships from, e.g. `DE`.
    public var country: String
    /// Region codes it serves first (state, province), e.g. `["BY", "BW"]`.
    public var regions: [String]
    /// Postal-code prefixes it serves first, e.g. `["80", "81", "90"]`.
    public var postalPrefixes: [String]

    public init(id: String, country: String, regions: [String] = [], postalPrefixes: [String] = []) {
        self.id = id
        self.country = country
        self.regions = regions
        self.postalPrefixes = postalPrefixes
    }
}
