import Contracts

/// The credit check: does this order fit the customer's credit? Pure, so the boundary cases (exactly at the
/// limit, one minor unit over) are tested without a database.
public enum CreditPolicy {
    /// Reason for an order that does not fit the credit limit.
    public static let creditLimitExceeded = "credit-limit-exceeded"
    /// Reason for an account on credit hold.
    public static let creditHold = "credit-hold"
    /// Reason for a customer finance has no account for.
    public static let unknownCustomer = "unknown-customer"
    /// Reason for an order not in the account's currency.
    public static let currencyMismatch = "currency-mismatch"

    /// Checks in this order: unknown customer (account nil) → `unknown-customer`; order currency ≠ account currency
    /// (or exposure/limit figures in another currency) → `currency-mismatch`; on hold → `credit-hold`;
    /// open receivables + open approved orders + order amount > credit limit → `credit-limit-exceeded`. Exactly at
    /// the limit approves. A sum too large for 64-bit minor units is rejected as `credit-limit-exceeded`, never a trap.
    /// Details are one sentence naming the figures.
    public static func decide(orderAmount: Money, account: CreditAccount?, exposure: CreditExposure) -> CreditDecision {
        guard let account else {
            return .rejected(
                reason: unknownCustomer,
                detail: "finance has no credit account for this customer; import the account from the ERP (PUT /v1/customers/{id}) before ordering"
            )
        }
        guard orderAmount.currency == account.currency else {
            return .rejected(
                reason: currencyMismatch,
                detail: "the order is in \(orderAmount.currency.code) but customer \(account.customer)'s credit account is in \(account.currency.code); orders must be in the account's currency"
            )
        }
        guard !account.onHold else {
            return .rejected(
                reason: creditHold,
                detail: "customer \(account.customer)'s account is on credit hold; no order is approved until the hold is released in the ERP"
            )
        }
        for (figure, amount) in [
            ("credit limit", account.creditLimit), ("open receivables", exposure.openReceivables),
            ("open approved orders", exposure.openApprovedOrders),
        ] where amount.currency != account.currency {
            return .rejected(
                reason: currencyMismatch,
                detail: "customer \(account.customer)'s \(figure) is in \(amount.currency.code) but the account is in \(account.currency.code); the account data is inconsistent and must be corrected"
            )
        }
        let figures = "open receivables \(exposure.openReceivables) + open approved orders \(exposure.openApprovedOrders) + this order \(orderAmount)"
        let total: Money
        do throws(MoneyError) {
            total = try exposure.openReceivables + exposure.openApprovedOrders + orderAmount
        } catch {
            return .rejected(
                reason: creditLimitExceeded,
                detail: "\(figures) is too large to compute (overflows 64-bit minor units), so it cannot fit the credit limit \(account.creditLimit)"
            )
        }
        guard total.minorUnits > account.creditLimit.minorUnits else { return .approved }
        let excess = (try? total - account.creditLimit).map { " by \($0)" } ?? ""
        return .rejected(
            reason: creditLimitExceeded,
            detail: "\(figures) = \(total) exceeds the credit limit \(account.creditLimit)\(excess)"
        )
    }
}
