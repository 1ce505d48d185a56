import Foundation
import ServiceKit

/// The finance service's own settings, read from the environment next to ``ServiceConfiguration``.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `WHOLESAIL_FINANCE_ERP_URL` | `http://127.0.0.1:28090` | the ERP whose ledger receives settlement batches (`POST {url}/erp/v1/journal-batches`) |
/// | `WHOLESAIL_FINANCE_ERP_TIMEOUT` | `30s` | how long one posting may take |
/// | `WHOLESAIL_FINANCE_SETTLEMENT_INTERVAL` | `1h` | how often a settlement batch is assembled on schedule |
/// | `WHOLESAIL_FINANCE_SETTLEMENT_SCHEDULE` | `true` | `false`: batches only on demand (`POST /v1/settlements`) |
/// | `WHOLESAIL_FINANCE_SETTLEMENT_MAX_ENTRIES` | `20000` | most journal entries per batch (what the ERP takes in one request); a larger backlog makes several batches |
/// | `WHOLESAIL_FINANCE_SETTLEMENT_VARIANCE_PERCENT` | `0` | a batch whose totals differ from the expected totals by more than this share of the expected debit total is held for approval (`0`: any difference holds) |
/// | `WHOLESAIL_FINANCE_POSTING_RETRY_INITIAL` | `1s` | first back-off after a failed posting (doubles) |
/// | `WHOLESAIL_FINANCE_POSTING_RETRY_MAXIMUM` | `5m` | longest back-off between two postings of a batch |
/// | `WHOLESAIL_FINANCE_TAX_ROUNDING` | `line` | `line`: tax rounded per invoice line; `invoice`: once per rate on the invoice |
/// | `WHOLESAIL_FINANCE_DEFAULT_TAX_CLASS` | `standard` | tax class of a product with none configured and no category |
/// | `WHOLESAIL_FINANCE_INVOICE_PREFIX` | `INV` | invoice numbers: `<prefix>-<year>-<6 digits>`, gap-free per prefix and year |
/// | `WHOLESAIL_FINANCE_CREDIT_NOTE_PREFIX` | `CN` | credit note numbers, the same way |
public struct FinanceConfiguration: Sendable {
    public var erpURL: URL = URL(string: "http://127.0.0.1:28090")!
    public var erpTimeout: Duration = .seconds(30)
    public var settlementInterval: Duration = .seconds(3600)
    public var settlementScheduled: Bool = true
    public var settlementMaximumEntries: Int = 20_000
    public var variancePercentThreshold: Decimal = 0
    public var postingRetryInitial: Duration = .seconds(1)
    public var postingRetryMaximum: Duration = .seconds(300)
    public var taxRounding: TaxRoundingRule = .perLine
    public var defaultTaxClass: String = "standard"
    public var invoicePrefix: String = "INV"
    public var creditNotePrefix: String = "CN"

    public init() {}

    public init(environment: EnvironmentReader) throws(ConfigurationError) {
        self.init()
        erpURL = try environment.url("WHOLESAIL_FINANCE_ERP_URL", default: erpURL.absoluteString, schemes: ["http", "https"])
        erpTimeout = try environment.duration("WHOLESAIL_FINANCE_ERP_TIMEOUT", default: erpTimeout, in: .milliseconds(100) ... .seconds(600))
        settlementInterval = try environment.duration("WHOLESAIL_FINANCE_SETTLEMENT_INTERVAL", default: settlementInterval, in: .seconds(1) ... .seconds(7 * 86_400))
        settlementScheduled = try environment.boolean("WHOLESAIL_FINANCE_SETTLEMENT_SCHEDULE", default: settlementScheduled)
        settlementMaximumEntries = try environment.integer("WHOLESAIL_FINANCE_SETTLEMENT_MAX_ENTRIES", default: settlementMaximumEntries, in: 1...1_000_000)
        let variance = environment.string("WHOLESAIL_FINANCE_SETTLEMENT_VARIANCE_PERCENT", default: "0")
        guard let threshold = Self.percent(variance) else {
            throw ConfigurationError(variable: "WHOLESAIL_FINANCE_SETTLEMENT_VARIANCE_PERCENT", value: variance,
                                     expected: "a decimal percentage from 0 to 100, e.g. 0.5")
        }
        variancePercentThreshold = threshold
        postingRetryInitial = try environment.duration("WHOLESAIL_FINANCE_POSTING_RETRY_INITIAL", default: postingRetryInitial, in: .milliseconds(10) ... .seconds(3600))
        postingRetryMaximum = try environment.duration("WHOLESAIL_FINANCE_POSTING_RETRY_MAXIMUM", default: postingRetryMaximum, in: postingRetryInitial ... .seconds(86_400))
        taxRounding = try environment.choice("WHOLESAIL_FINANCE_TAX_ROUNDING", default: taxRounding, from: ["line": .perLine, "invoice": .perInvoice])
        defaultTaxClass = try Self.code(environment, "WHOLESAIL_FINANCE_DEFAULT_TAX_CLASS", default: defaultTaxClass)
        invoicePrefix = try Self.code(environment, "WHOLESAIL_FINANCE_INVOICE_PREFIX", default: invoicePrefix)
        creditNotePrefix = try Self.code(environment, "WHOLESAIL_FINANCE_CREDIT_NOTE_PREFIX", default: creditNotePrefix)
        guard invoicePrefix != creditNotePrefix else {
            throw ConfigurationError(variable: "WHOLESAIL_FINANCE_CREDIT_NOTE_PREFIX", value: creditNotePrefix,
                                     expected: "a prefix different from WHOLESAIL_FINANCE_INVOICE_PREFIX")
        }
    }

    /// A plain decimal `0`–`100` (no sign, exponent or grouping).
    static func percent(_ text: String) -> Decimal? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), text.filter({ $0 == "." }).count <= 1,
              text.first != ".", text.last != ".", let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
              value >= 0, value <= 100 else { return nil }
        return value
    }

    /// 1–16 characters of A–Z, a–z, 0–9, `-`, `_`.
    static func code(_ environment: EnvironmentReader, _ name: String, default defaultValue: String) throws(ConfigurationError) -> String {
        let value = environment.string(name, default: defaultValue)
        guard (1...16).contains(value.count), value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ConfigurationError(variable: name, value: value, expected: "1 to 16 letters, digits, '-' or '_'")
        }
        return value
    }
}
