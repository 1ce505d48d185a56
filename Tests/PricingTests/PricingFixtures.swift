import Contracts
import Foundation
@testable import Pricing

/// Builders shared by the pricing domain and import unit tests: instants, amounts, a small catalogue, and a
/// compact view of import issues. Everything lives in this namespace so it cannot clash with other test files.
enum PricingFixtures {
    // MARK: Instants

    /// An instant from an ISO 8601 timestamp such as `2027-01-01T00:00:00Z`.
    static func instant(_ text: String) throws -> Date {
        try ISO8601Timestamp.parse(text)
    }

    /// One millisecond before `date`: the last instant a half-open period ending at `date` still contains.
    static func justBefore(_ date: Date) -> Date {
        date.addingTimeInterval(-0.001)
    }

    // MARK: Amounts

    static func eur(_ text: String) throws -> Money { try Money.parse(text, currency: .EUR) }
    static func usd(_ text: String) throws -> Money { try Money.parse(text, currency: .USD) }
    static func jpy(_ text: String) throws -> Money { try Money.parse(text, currency: .JPY) }
    static func bhd(_ text: String) throws -> Money { try Money.parse(text, currency: .BHD) }
    static func kwd(_ text: String) throws -> Money { try Money.parse(text, currency: .KWD) }

    /// 12.5 (percent): off a price it makes exact .5 ties in the last minor unit (x × 0.875).
    static let twelveAndAHalfPercent = Decimal(sign: .plus, exponent: -1, significand: 125)

    // MARK: A small catalogue

    /// The id of the standard EUR list used by most calculator tests.
    static let listID = "EU-2027"
    /// The customer most tests quote for, member of ``groupID``.
    static let customer = "C-1"
    static let groupMember = "C-2"
    static let groupID = "G-RETAIL"

    /// `BOLT-M8` (fasteners): 10.00 EUR, 9.00 from 10, 8.00 from 100 — tiers given in reverse to check sorting.
    static func bolt() throws -> ListPrice {
        ListPrice(
            sku: "BOLT-M8", category: "fasteners", unitPrice: try eur("10.00"),
            tiers: [
                PriceTier(minimumQuantity: 100, unitPrice: try eur("8.00")),
                PriceTier(minimumQuantity: 10, unitPrice: try eur("9.00")),
            ]
        )
    }

    /// `NUT-M8` (fasteners): 2.00 EUR, no tiers.
    static func nut() throws -> ListPrice {
        ListPrice(sku: "NUT-M8", category: "fasteners", unitPrice: try eur("2.00"))
    }

    /// `ANCHOR-X` (anchors): 5.00 EUR, no tiers.
    static func anchor() throws -> ListPrice {
        ListPrice(sku: "ANCHOR-X", category: "anchors", unitPrice: try eur("5.00"))
    }

    /// 2027-01-01T00:00:00Z, when the standard list starts.
    static func listStart() throws -> Date { try instant("2027-01-01T00:00:00Z") }

    /// A quoting instant inside every standard period: 2027-03-15T12:00:00Z.
    static func quoteTime() throws -> Date { try instant("2027-03-15T12:00:00Z") }

    /// The standard EUR list `EU-2027`, open-ended from 2027-01-01, with bolt, nut and anchor.
    static func standardList() throws -> PriceList {
        PriceList(
            id: listID, name: "Europe 2027", currency: .EUR,
            period: EffectivePeriod(start: try listStart()), prices: [try bolt(), try nut(), try anchor()]
        )
    }

    /// A period from 2027-01-01 with no end: in force at ``quoteTime()``.
    static func openPeriod() throws -> EffectivePeriod {
        EffectivePeriod(start: try listStart())
    }

    /// An agreement with one break for one SKU.
    static func agreement(
        _ id: String, for party: AgreementParty = .customer(customer), currency: Currency = .EUR,
        period: EffectivePeriod? = nil, sku: String = "BOLT-M8", from minimumQuantity: Int = 1, _ adjustment: PriceAdjustment
    ) throws -> CustomerAgreement {
        CustomerAgreement(
            id: id, party: party, currency: currency, period: try period ?? openPeriod(),
            lines: [sku: [AgreementBreak(minimumQuantity: minimumQuantity, adjustment: adjustment)]]
        )
    }

    /// A promotion on some SKUs or categories.
    static func promotion(
        _ id: String, skus: Set<String> = ["BOLT-M8"], categories: Set<String> = [], period: EffectivePeriod? = nil,
        _ adjustment: PriceAdjustment
    ) throws -> Promotion {
        Promotion(id: id, period: try period ?? openPeriod(), skus: skus, categories: categories, adjustment: adjustment)
    }

    /// A calculator over the standard list (unless `lists` is given), with ``customer`` and ``groupMember`` in
    /// ``groupID``.
    static func calculator(
        lists: [PriceList]? = nil, agreements: [CustomerAgreement] = [], promotions: [Promotion] = []
    ) throws -> PriceCalculator {
        PriceCalculator(catalog: PriceCatalog(
            priceLists: try lists ?? [standardList()], agreements: agreements, promotions: promotions,
            customerGroups: [groupID: [customer, groupMember]]
        ))
    }

    // MARK: Imports

    /// Decodes a JSON document the way the HTTP layer does.
    static func decode<Document: Decodable>(_ type: Document.Type, _ json: String) throws -> Document {
        try StableJSON.decode(type, from: Data(json.utf8))
    }

    /// Where an import issue is: what tests compare (the sentence is for people).
    struct IssueLocation: Hashable, CustomStringConvertible {
        var row: Int?
        var field: String
        var pointer: String

        init(_ row: Int?, _ field: String, _ pointer: String) {
            self.row = row
            self.field = field
            self.pointer = pointer
        }

        init(_ issue: ImportIssue) {
            self.init(issue.row, issue.field, issue.pointer)
        }

        var description: String { "(\(row.map(String.init) ?? "-"), \(field), \(pointer))" }
    }

    /// The locations of a rejection's issues, as a set (issues sharing a row and field have no stated order).
    static func locations(_ rejected: ImportRejected) -> Set<IssueLocation> {
        Set(rejected.issues.map(IssueLocation.init))
    }
}
