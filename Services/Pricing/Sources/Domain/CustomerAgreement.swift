import Contracts

/// A contract between the distributor and a customer (or customer group): per SKU, quantity breaks with a
/// contract price or a discount off the list, valid for a period, in one currency.
public struct CustomerAgreement: Sendable, Hashable {
    public var id: String
    public var party: AgreementParty
    public var currency: Currency
    public var period: EffectivePeriod
    /// Breaks by SKU, each ascending by minimum quantity.
    public var lines: [String: [AgreementBreak]]

    public init(id: String, party: AgreementParty, currency: Currency, period: EffectivePeriod, lines: [String: [AgreementBreak]]) {
        self.id = id
        self.party = party
        self.currency = currency
        self.period = period
        self.lines = lines.mapValues { $0.sorted { $0.minimumQuantity < $1.minimumQuantity } }
    }

    /// The break that applies to `quantity` of `sku`: the largest minimum quantity not above it.
    public func applicableBreak(sku: String, quantity: Int) -> AgreementBreak? {
        lines[sku]?.last { $0.minimumQuantity <= quantity }
    }
}
