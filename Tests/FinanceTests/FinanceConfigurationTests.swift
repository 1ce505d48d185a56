import Finance
import Foundation
import ServiceKit
import Testing

/// The finance settings from the environment: defaults, accepted values, and one clear error per bad value.
@Suite("Finance configuration")
struct FinanceConfigurationTests {
    @Test func defaultsMatchTheLocalStack() throws {
        let configuration = try FinanceConfiguration(environment: EnvironmentReader([:]))
        #expect(configuration.erpURL.absoluteString == "http://127.0.0.1:28090")
        #expect(configuration.taxRounding == .perLine)
        #expect(configuration.variancePercentThreshold == 0)
        #expect(configuration.settlementScheduled)
        #expect(configuration.settlementInterval == .seconds(3600))
    }

    @Test func settingsAreRead() throws {
        let configuration = try FinanceConfiguration(environment: EnvironmentReader([
            "WHOLESAIL_FINANCE_TAX_ROUNDING": "invoice", "WHOLESAIL_FINANCE_SETTLEMENT_VARIANCE_PERCENT": "0.5",
            "WHOLESAIL_FINANCE_SETTLEMENT_SCHEDULE": "false", "WHOLESAIL_FINANCE_INVOICE_PREFIX": "RE",
        ]))
        #expect(configuration.taxRounding == .perInvoice)
        #expect(configuration.variancePercentThreshold == Decimal(string: "0.5"))
        #expect(!configuration.settlementScheduled)
        #expect(configuration.invoicePrefix == "RE")
    }

    @Test(arguments: [
        ("WHOLESAIL_FINANCE_SETTLEMENT_VARIANCE_PERCENT", "-1"),
        ("WHOLESAIL_FINANCE_SETTLEMENT_VARIANCE_PERCENT", "1e2"),
        ("WHOLESAIL_FINANCE_SETTLEMENT_VARIANCE_PERCENT", "101"),
        ("WHOLESAIL_FINANCE_TAX_ROUNDING", "banker"),
        ("WHOLESAIL_FINANCE_INVOICE_PREFIX", "INV 2026"),
        ("WHOLESAIL_FINANCE_CREDIT_NOTE_PREFIX", "INV"),
        ("WHOLESAIL_FINANCE_ERP_URL", "ftp://erp"),
    ])
    func anInvalidValueIsRefusedNamingTheVariable(name: String, value: String) throws {
        let error = try #require(throws: ConfigurationError.self) {
            try FinanceConfiguration(environment: EnvironmentReader([name: value]))
        }
        #expect("\(error)".contains(name))
    }
}
