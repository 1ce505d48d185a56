import Contracts

/// All price data of one price version, indexed for quoting: what a ``PriceSnapshot`` holds.
///
/// Built once per version (on load), then only read, by any number of quotes at once.
public struct PriceCatalog: Sendable {
    /// Lists by currency, most recent start first (ties: by id), so the first list in force that has a SKU wins.
    public let priceListsByCurrency: [Currency: [PriceList]]
    /// Every SKU on any list: tells an unknown SKU from one that merely has no price here and now.
    public let knownSKUs: Set<String>
    public let agreementsByCustomer: [String: [CustomerAgreement]]
    public let agreementsByGroup: [String: [CustomerAgreement]]
    /// The customer group of each customer that belongs to one.
    public let groupOfCustomer: [String: String]
    public let promotionsBySKU: [String: [Promotion]]
    public let promotionsByCategory: [String: [Promotion]]
    /// Counts, for logs and the version endpoint.
    public let priceListCount: Int
    public let agreementCount: Int
    public let promotionCount: Int

    public init(
        priceLists: [PriceList] = [], agreements: [CustomerAgreement] = [], promotions: [Promotion] = [],
        customerGroups: [String: Set<String>] = [:]
    ) {
        var byCurrency: [Currency: [PriceList]] = [:]
        var knownSKUs = Set<String>()
        for list in priceLists {
            byCurrency[list.currency, default: []].append(list)
            knownSKUs.formUnion(list.prices.keys)
        }
        priceListsByCurrency = byCurrency.mapValues { lists in
            lists.sorted { ($0.period.start, $1.id) > ($1.period.start, $0.id) }
        }
        self.knownSKUs = knownSKUs

        // Most recent start first, then by id, so the choice among overlapping agreements is stated and stable.
        func ordered(_ agreements: [CustomerAgreement]) -> [CustomerAgreement] {
            agreements.sorted { ($0.period.start, $1.id) > ($1.period.start, $0.id) }
        }
        var byCustomer: [String: [CustomerAgreement]] = [:]
        var byGroup: [String: [CustomerAgreement]] = [:]
        for agreement in agreements {
            switch agreement.party {
            case .customer(let customer): byCustomer[customer, default: []].append(agreement)
            case .customerGroup(let group): byGroup[group, default: []].append(agreement)
            }
        }
        agreementsByCustomer = byCustomer.mapValues(ordered)
        agreementsByGroup = byGroup.mapValues(ordered)

        var groupOfCustomer: [String: String] = [:]
        for (group, members) in customerGroups.sorted(by: { $0.key < $1.key }) {
            for member in members { groupOfCustomer[member] = group }
        }
        self.groupOfCustomer = groupOfCustomer

        var bySKU: [String: [Promotion]] = [:]
        var byCategory: [String: [Promotion]] = [:]
        for promotion in promotions {
            for sku in promotion.skus { bySKU[sku, default: []].append(promotion) }
            for category in promotion.categories { byCategory[category, default: []].append(promotion) }
        }
        promotionsBySKU = bySKU
        promotionsByCategory = byCategory
        priceListCount = priceLists.count
        agreementCount = agreements.count
        promotionCount = promotions.count
    }

    /// Whether any price list is in `currency` (else a quote in it is refused as a whole).
    public func hasPriceList(in currency: Currency) -> Bool {
        priceListsByCurrency[currency]?.isEmpty == false
    }
}
