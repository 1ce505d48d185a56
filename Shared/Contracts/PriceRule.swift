/// Which pricing rule produced a unit price: the explanation a quote or a priced order carries per line,
/// so a storefront, a sales rep or finance can see why a customer paid what they paid.
public struct PriceRule: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of rule, in the words the pricing README uses for its precedence.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// The price list's base price (quantity 1).
        case list
        /// A quantity tier of the price list.
        case tier
        /// A customer or customer-group agreement (contract price or discount).
        case agreement
        /// A time-boxed promotion.
        case promotion
    }

    public var kind: Kind
    /// The id of the price list (`list`, `tier`), agreement or promotion.
    public var id: String
    /// The quantity break that applied (tiers and agreement breaks); absent for a base price or a promotion.
    public var minimumQuantity: Int?

    public init(kind: Kind, id: String, minimumQuantity: Int? = nil) {
        self.kind = kind
        self.id = id
        self.minimumQuantity = minimumQuantity
    }

    /// `agreement AG-7 (from 50)`, `list EU-2027`.
    public var description: String {
        "\(kind.rawValue) \(id)" + (minimumQuantity.map { " (from \($0))" } ?? "")
    }
}
