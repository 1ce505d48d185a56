import Contracts
import Foundation

/// The JSON body of `PUT /v1/promotions/{id}`: a time-boxed promotion.
///
/// ```json
/// {"validFrom": "2027-03-01T00:00:00Z", "validTo": "2027-04-01T00:00:00Z",
///  "skus": ["BOLT-M8"], "categories": ["anchors"], "percentOff": "15"}
/// ```
/// `validTo` is required (a promotion without an end is a price list change); at least one SKU or category;
/// exactly one of `percentOff` and `amountOff`, and `amountOff` needs `currency`.
public struct PromotionDocument: Codable, Sendable {
    public var validFrom: Date
    public var validTo: Date
    public var skus: [String]?
    public var categories: [String]?
    public var percentOff: String?
    public var amountOff: String?
    public var currency: String?

    /// Scope entries, for the version record.
    public var rowCount: Int { (skus?.count ?? 0) + (categories?.count ?? 0) }

    /// The promotion `id`, or every reason it cannot be imported.
    public func validated(id: String) throws(ImportRejected) -> Promotion {
        var issues: [ImportIssue] = []
        func issue(_ pointer: String, _ field: String, _ detail: String, row: Int? = nil) {
            issues.append(ImportIssue(row: row, field: field, pointer: pointer, detail: detail))
        }
        if let problem = ImportFieldRules.identifierProblem(id, what: "the promotion id") { issue("/id", "id", problem) }
        if let problem = ImportFieldRules.periodProblem(start: validFrom, end: validTo) { issue("/validTo", "validTo", problem) }
        let skus = self.skus ?? []
        let categories = self.categories ?? []
        if skus.isEmpty && categories.isEmpty { issue("/skus", "skus", "name at least one SKU or category") }
        for (index, sku) in skus.enumerated() {
            if let problem = ImportFieldRules.identifierProblem(sku, what: "the SKU") { issue("/skus/\(index)", "skus", problem, row: index + 1) }
        }
        for (index, category) in categories.enumerated() {
            if let problem = ImportFieldRules.identifierProblem(category, what: "the category") { issue("/categories/\(index)", "categories", problem, row: index + 1) }
        }
        var adjustment: PriceAdjustment?
        switch (percentOff, amountOff) {
        case (let percent?, nil):
            if currency != nil { issue("/currency", "currency", "a percentage applies in every currency; leave currency out") }
            switch ImportFieldRules.percent(percent) {
            case .success(let value): adjustment = .percentOff(value)
            case .failure(let problem): issue("/percentOff", "percentOff", problem.detail)
            }
        case (nil, let amount?):
            guard let code = currency else {
                issue("/currency", "currency", "amountOff needs the currency it is in")
                break
            }
            switch ImportFieldRules.currency(code) {
            case .success(let currency):
                switch ImportFieldRules.price(amount, currency: currency) {
                case .success(let money): adjustment = .amountOff(money)
                case .failure(let problem): issue("/amountOff", "amountOff", problem.detail)
                }
            case .failure(let problem):
                issue("/currency", "currency", problem.detail)
            }
        default:
            issue("/percentOff", "percentOff", "give exactly one of percentOff and amountOff")
        }
        guard issues.isEmpty, let adjustment else { throw ImportRejected(issues: issues) }
        return Promotion(
            id: id, period: EffectivePeriod(start: validFrom, end: validTo),
            skus: Set(skus), categories: Set(categories), adjustment: adjustment
        )
    }
}
