import Contracts
import Foundation

/// Prices one line from a ``PriceCatalog``: Wholesail's precedence, in one place.
///
/// For `quantity` units of `sku`, for `customer`, in `currency`, at instant `at`:
///
/// 1. **List.** Among the price lists in `currency` in force at `at` (start inclusive, end exclusive), the one
///    with the latest start that has the SKU gives the *base price* (one unit) and the *tier price*: the tier
///    with the largest minimum quantity not above `quantity`, else the base price. No such list: the SKU is
///    unknown (on no list at all) or has no price (known, but not here and now).
/// 2. **Agreement** (wins outright when one applies). The customer's own agreements, then those of the
///    customer's group; each in force at `at` and in `currency`, latest start first (ties: by id). The first
///    with a break for the SKU whose minimum quantity is not above `quantity` (the largest such break) sets
///    the price: a contract price replaces the list, a percentage or amount comes off the **tier price**.
///    Promotions never apply on top of an agreement.
/// 3. **Best of tier and promotion.** Otherwise every promotion in force at `at` whose scope names the SKU or
///    the SKU's category (on the list from step 1), and which fits `currency`, is applied to the **base
///    price**; the lowest result (ties: by promotion id) wins over the tier price only when strictly lower.
///    Promotions do not stack with each other or with tiers: exactly one rule produces each price.
///
/// Percentages are rounded half-even to the currency's minor units (0 for JPY, 2 for EUR, 3 for BHD); an
/// amount off never takes a price below zero. The extended amount is the rounded unit price times the
/// quantity, exactly, so `unitPrice × quantity = extendedAmount` always holds on a quote.
public struct PriceCalculator: Sendable {
    /// The largest quantity one line may have; keeps amounts far from overflow and catches typos.
    public static let maximumQuantity = 1_000_000_000

    public let catalog: PriceCatalog

    public init(catalog: PriceCatalog) {
        self.catalog = catalog
    }

    /// Prices one line.
    /// - Throws: ``PricingError`` — the line cannot be priced, and why.
    public func price(sku: String, quantity: Int, customer: String, currency: Currency, at instant: Date) throws(PricingError) -> PricedLine {
        guard (1...Self.maximumQuantity).contains(quantity) else { throw .invalidQuantity(quantity) }
        guard let lists = catalog.priceListsByCurrency[currency], !lists.isEmpty else { throw .noPriceList(currency) }
        guard let (list, listPrice) = Self.listPrice(sku: sku, in: lists, at: instant) else {
            throw catalog.knownSKUs.contains(sku) ? .noPrice(sku: sku, currency: currency, at: instant) : .unknownSKU(sku)
        }
        let (tierPrice, tier) = listPrice.unitPrice(forQuantity: quantity)

        let unitPrice: Money
        let rule: PriceRule
        if let (agreement, agreementBreak) = applicableAgreement(sku: sku, quantity: quantity, customer: customer, currency: currency, at: instant) {
            unitPrice = try agreementBreak.adjustment.apply(to: tierPrice)
            rule = PriceRule(kind: .agreement, id: agreement.id, minimumQuantity: agreementBreak.minimumQuantity > 1 ? agreementBreak.minimumQuantity : nil)
        } else if let (promotion, promotionPrice) = try bestPromotion(for: listPrice, currency: currency, at: instant),
            promotionPrice < tierPrice.minorUnits
        {
            unitPrice = Money(minorUnits: promotionPrice, currency: currency)
            rule = PriceRule(kind: .promotion, id: promotion.id)
        } else if let tier {
            unitPrice = tierPrice
            rule = PriceRule(kind: .tier, id: list.id, minimumQuantity: tier.minimumQuantity)
        } else {
            unitPrice = tierPrice
            rule = PriceRule(kind: .list, id: list.id)
        }

        let (extended, overflow) = unitPrice.minorUnits.multipliedReportingOverflow(by: Int64(quantity))
        guard !overflow else { throw .amountTooLarge }
        return PricedLine(
            sku: sku, quantity: quantity, unitPrice: unitPrice,
            extendedAmount: Money(minorUnits: extended, currency: currency), rule: rule,
            priceList: list.id, listUnitPrice: listPrice.unitPrice, category: listPrice.category
        )
    }

    /// Step 1: the most recently started list in force that has the SKU.
    static func listPrice(sku: String, in lists: [PriceList], at instant: Date) -> (PriceList, ListPrice)? {
        for list in lists where list.period.contains(instant) {
            if let price = list.prices[sku] { return (list, price) }
        }
        return nil
    }

    /// Step 2: the customer's agreements first, then the group's.
    func applicableAgreement(sku: String, quantity: Int, customer: String, currency: Currency, at instant: Date) -> (CustomerAgreement, AgreementBreak)? {
        let own = catalog.agreementsByCustomer[customer] ?? []
        let group = catalog.groupOfCustomer[customer].flatMap { catalog.agreementsByGroup[$0] } ?? []
        for agreements in [own, group] {
            for agreement in agreements where agreement.currency == currency && agreement.period.contains(instant) {
                if let applicable = agreement.applicableBreak(sku: sku, quantity: quantity) {
                    return (agreement, applicable)
                }
            }
        }
        return nil
    }

    /// Step 3: the promotion giving the lowest price off the base price, as minor units.
    func bestPromotion(for listPrice: ListPrice, currency: Currency, at instant: Date) throws(PricingError) -> (Promotion, Int64)? {
        var candidates = catalog.promotionsBySKU[listPrice.sku] ?? []
        if let category = listPrice.category, let byCategory = catalog.promotionsByCategory[category] {
            candidates += byCategory
        }
        var best: (Promotion, Int64)?
        for promotion in candidates where promotion.period.contains(instant) && promotion.applies(to: currency) {
            let price = try promotion.adjustment.apply(to: listPrice.unitPrice).minorUnits
            if let current = best, (current.1, current.0.id) <= (price, promotion.id) { continue }
            best = (promotion, price)
        }
        return best
    }
}
