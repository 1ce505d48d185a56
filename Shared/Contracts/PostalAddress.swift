/// A delivery address as channels send it, carried by order events so that inventory can route
/// (region, postal code) and shipments can label without asking orders.
public struct PostalAddress: Codable, Sendable, Hashable {
    /// The recipient (person or department).
    public var name: String?
    public var company: String?
    /// Street lines, first to last.
    public var lines: [String]
    public var city: String
    /// State, province or county code, e.g. `CA` or `BY`; used for routing and tax.
    public var region: String?
    public var postalCode: String?
    /// ISO 3166-1 alpha-2, e.g. `DE`.
    public var country: String

    public init(
        name: String? = nil, company: String? = nil, lines: [String], city: String,
        region: String? = nil, postalCode: String? = nil, country: String
    ) {
        self.name = name
        self.company = company
        self.lines = lines
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }
}
