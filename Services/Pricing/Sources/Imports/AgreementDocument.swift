import Contracts
import Foundation

/// The JSON body of `PUT /v1/agreements/{id}`: a customer agreement from the ERP.
///
/// ```json
/// {"customer": "C-1001", "currency": "EUR", "validFrom": "2027-01-01T00:00:00Z", "validTo": "2028-01-01T00:00:00Z",
///  "lines": [{"sku": "BOLT-M8", "breaks": [{"minimumQuantity": 1, "unitPrice": "0.40"},
///                                          {"minimumQuantity": 500, "percentOff": "12.5"}]}]}
/// ```
/// Exactly one of `customer` and `customerGroup`; each break exactly one of `unitPrice` (a contract price),
/// `percentOff` and `amountOff` (decimal strings, in the agreement's currency).
public struct AgreementDocument: Codable, Sendable {
    public struct Line: Codable, Sendable {
        public var sku: String
        public var breaks: [Break]
    }

    public struct Break: Codable, Sendable {
        public var minimumQuantity: Int
        public var unitPrice: String?
        public var percentOff: String?
        public var amountOff: String?
    }

    public var customer: String?
    public var customerGroup: String?
    public var currency: String
    public var validFrom: Date
    public var validTo: Date?
    public var lines: [Line]

    /// Rows in the document (agreement lines), for the version record.
    public var rowCount: Int { lines.count }

    /// The agreement `id`, or every reason it cannot be imported.
    public func validated(id: String) throws(ImportRejected) -> CustomerAgreement {
        var issues: [ImportIssue] = []
        func issue(_ row: Int?, _ pointer: String, _ field: String, _ detail: String) {
            issues.append(ImportIssue(row: row, field: field, pointer: pointer, detail: detail))
        }
        if let problem = ImportFieldRules.identifierProblem(id, what: "the agreement id") { issue(nil, "/id", "id", problem) }
        if let problem = ImportFieldRules.periodProblem(start: validFrom, end: validTo) { issue(nil, "/validTo", "validTo", problem) }
        var party: AgreementParty?
        switch (customer, customerGroup) {
        case (let customer?, nil):
            if let problem = ImportFieldRules.identifierProblem(customer, what: "the customer") { issue(nil, "/customer", "customer", problem) }
            party = .customer(customer)
        case (nil, let group?):
            if let problem = ImportFieldRules.identifierProblem(group, what: "the customer group") { issue(nil, "/customerGroup", "customerGroup", problem) }
            party = .customerGroup(group)
        default:
            issue(nil, "/customer", "customer", "give exactly one of customer and customerGroup")
        }
        let currency: Currency
        switch ImportFieldRules.currency(self.currency) {
        case .success(let value): currency = value
        case .failure(let problem):
            issue(nil, "/currency", "currency", problem.detail)
            throw ImportRejected(issues: issues)
        }
        if lines.isEmpty { issue(nil, "/lines", "lines", "the agreement has no lines; it needs at least one") }

        var breaksBySKU: [String: [AgreementBreak]] = [:]
        var firstRowOfSKU: [String: Int] = [:]
        for (index, line) in lines.enumerated() {
            let row = index + 1
            let pointer = "/lines/\(index)"
            if let problem = ImportFieldRules.identifierProblem(line.sku, what: "the SKU") { issue(row, "\(pointer)/sku", "sku", problem) }
            if let first = firstRowOfSKU[line.sku] {
                issue(row, "\(pointer)/sku", "sku", "SKU \(line.sku) already has a line (row \(first)); put all its breaks in one line")
            } else {
                firstRowOfSKU[line.sku] = row
            }
            if line.breaks.isEmpty { issue(row, "\(pointer)/breaks", "breaks", "the line has no breaks; give at least one") }
            var seenQuantities = Set<Int>()
            var breaks: [AgreementBreak] = []
            for (breakIndex, entry) in line.breaks.enumerated() {
                let breakPointer = "\(pointer)/breaks/\(breakIndex)"
                if let problem = ImportFieldRules.quantityProblem(entry.minimumQuantity, minimum: 1) {
                    issue(row, "\(breakPointer)/minimumQuantity", "minimumQuantity", problem)
                } else if !seenQuantities.insert(entry.minimumQuantity).inserted {
                    issue(row, "\(breakPointer)/minimumQuantity", "minimumQuantity", "two breaks from \(entry.minimumQuantity)")
                }
                let adjustment: PriceAdjustment?
                switch (entry.unitPrice, entry.percentOff, entry.amountOff) {
                case (let price?, nil, nil):
                    switch ImportFieldRules.price(price, currency: currency) {
                    case .success(let money): adjustment = .fixedPrice(money)
                    case .failure(let problem):
                        issue(row, "\(breakPointer)/unitPrice", "unitPrice", problem.detail)
                        adjustment = nil
                    }
                case (nil, let percent?, nil):
                    switch ImportFieldRules.percent(percent) {
                    case .success(let value): adjustment = .percentOff(value)
                    case .failure(let problem):
                        issue(row, "\(breakPointer)/percentOff", "percentOff", problem.detail)
                        adjustment = nil
                    }
                case (nil, nil, let amount?):
                    switch ImportFieldRules.price(amount, currency: currency) {
                    case .success(let money): adjustment = .amountOff(money)
                    case .failure(let problem):
                        issue(row, "\(breakPointer)/amountOff", "amountOff", problem.detail)
                        adjustment = nil
                    }
                default:
                    issue(row, breakPointer, "breaks", "give exactly one of unitPrice, percentOff and amountOff")
                    adjustment = nil
                }
                if let adjustment {
                    breaks.append(AgreementBreak(minimumQuantity: entry.minimumQuantity, adjustment: adjustment))
                }
            }
            breaksBySKU[line.sku, default: []] += breaks
        }
        guard issues.isEmpty, let party else { throw ImportRejected(issues: issues) }
        return CustomerAgreement(
            id: id, party: party, currency: currency,
            period: EffectivePeriod(start: validFrom, end: validTo), lines: breaksBySKU
        )
    }
}
