import Contracts
import Persistence

/// Where invoice tax comes from: the rate table in the finance schema (`PUT /v1/tax-rates/…`), or any other
/// ``TaxCalculator`` — a real tax engine — given in code.
public enum TaxEngine: Sendable {
    /// ``TaxTable`` over the configured rates, with this rounding rule.
    case table(rounding: TaxRoundingRule)
    case custom(any TaxCalculator)

    /// The calculator for one ship-to; the table is read inside the caller's transaction, so an invoice uses the rates
    /// in force when it is issued.
    func calculator(for shipTo: PostalAddress, store: FinanceStore, in transaction: PostgresTransaction) async throws -> any TaxCalculator {
        switch self {
        case .table(let rounding):
            TaxTable(rates: try await store.taxRates(regions: TaxRegion.candidates(for: shipTo), in: transaction), rounding: rounding)
        case .custom(let calculator):
            calculator
        }
    }
}
