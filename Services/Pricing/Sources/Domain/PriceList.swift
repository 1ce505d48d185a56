import Contracts

/// A price list from the ERP: prices in one currency, in force for a period.
///
/// Several lists may be in force at once in one currency; the quote takes a SKU's price from the one that
/// started most recently (see ``PriceCalculator``), so a new list can supersede an older one from a date on.
public struct PriceList: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var currency: Currency
    public var period: EffectivePeriod
    /// Entries by SKU.
    public var prices: [String: ListPrice]

    public init(id: String, name: String? = nil, currency: Currency, period: EffectivePeriod, prices: [ListPrice]) {
        self.id = id
        self.name = name
        self.currency = currency
        self.period = period
        self.prices = Dictionary(prices.map { ($0.sku, $0) }, uniquingKeysWith: { _, last in last })
    }
}
