import Contracts
import Testing
@testable import Finance

/// ``CreditPolicy``: the limit boundary to the minor unit, the hold flag, unknown customers and currencies, in that
/// order of precedence.
@Suite("Finance domain: credit policy")
struct CreditPolicyTests {
    private func account(limit: String = "150.00", onHold: Bool = false) throws -> CreditAccount {
        CreditAccount(customer: "C-1", currency: try DomainFixtures.currency("EUR"), creditLimit: try DomainFixtures.money(limit, "EUR"), onHold: onHold)
    }

    private func exposure(receivables: String = "100.00", approved: String = "38.00") throws -> CreditExposure {
        CreditExposure(openReceivables: try DomainFixtures.money(receivables, "EUR"), openApprovedOrders: try DomainFixtures.money(approved, "EUR"))
    }

    /// 100.00 + 38.00 + 12.00 = 150.00 = the limit.
    @Test func exactlyAtTheLimitApproves() throws {
        let decision = CreditPolicy.decide(orderAmount: try DomainFixtures.money("12.00", "EUR"), account: try account(), exposure: try exposure())
        #expect(decision == .approved)
    }

    /// 100.00 + 38.00 + 12.01 = 150.01: one cent over.
    @Test func oneMinorUnitOverTheLimitRejectsNamingTheFigures() throws {
        let decision = CreditPolicy.decide(orderAmount: try DomainFixtures.money("12.01", "EUR"), account: try account(), exposure: try exposure())
        #expect(
            decision
                == .rejected(
                    reason: "credit-limit-exceeded",
                    detail: "open receivables 100.00 EUR + open approved orders 38.00 EUR + this order 12.01 EUR = 150.01 EUR exceeds the credit limit 150.00 EUR by 0.01 EUR"
                )
        )
    }

    @Test func accountOnHoldRejectsEvenWithinTheLimit() throws {
        let decision = CreditPolicy.decide(
            orderAmount: try DomainFixtures.money("1.00", "EUR"), account: try account(onHold: true), exposure: try exposure(receivables: "0.00", approved: "0.00")
        )
        guard case .rejected(let reason, let detail) = decision else {
            Issue.record("expected a rejection, got \(decision)")
            return
        }
        #expect(reason == "credit-hold")
        #expect(detail.contains("C-1"))
    }

    @Test func unknownCustomerIsRejected() throws {
        let decision = CreditPolicy.decide(orderAmount: try DomainFixtures.money("1.00", "EUR"), account: nil, exposure: try exposure())
        guard case .rejected(let reason, _) = decision else {
            Issue.record("expected a rejection, got \(decision)")
            return
        }
        #expect(reason == "unknown-customer")
    }

    /// Checked before the hold flag: the order could never be approved on this account.
    @Test func orderInAnotherCurrencyIsRejectedBeforeTheHoldIsChecked() throws {
        let decision = CreditPolicy.decide(orderAmount: try DomainFixtures.money("1.00", "USD"), account: try account(onHold: true), exposure: try exposure())
        guard case .rejected(let reason, let detail) = decision else {
            Issue.record("expected a rejection, got \(decision)")
            return
        }
        #expect(reason == "currency-mismatch")
        #expect(detail.contains("USD") && detail.contains("EUR"))
    }

    @Test func exposureInAnotherCurrencyIsACurrencyMismatchNotASum() throws {
        let exposure = CreditExposure(
            openReceivables: try DomainFixtures.money("1.00", "USD"), openApprovedOrders: try DomainFixtures.money("0.00", "EUR")
        )
        let decision = CreditPolicy.decide(orderAmount: try DomainFixtures.money("1.00", "EUR"), account: try account(), exposure: exposure)
        guard case .rejected(let reason, _) = decision else {
            Issue.record("expected a rejection, got \(decision)")
            return
        }
        #expect(reason == "currency-mismatch")
    }

    @Test func sumTooLargeToComputeIsRejectedAsOverTheLimitWithoutTrapping() throws {
        let euro = try DomainFixtures.currency("EUR")
        let decision = CreditPolicy.decide(
            orderAmount: Money(minorUnits: .max, currency: euro), account: try account(),
            exposure: CreditExposure(openReceivables: Money(minorUnits: 1, currency: euro), openApprovedOrders: .zero(euro))
        )
        guard case .rejected(let reason, let detail) = decision else {
            Issue.record("expected a rejection, got \(decision)")
            return
        }
        #expect(reason == "credit-limit-exceeded")
        #expect(detail.contains("overflows"))
    }

    @Test func threeDecimalCurrencyBoundaryIsExactToTheFils() throws {
        let dinar = try DomainFixtures.currency("KWD")
        let account = CreditAccount(customer: "C-2", currency: dinar, creditLimit: try DomainFixtures.money("10.000", "KWD"), onHold: false)
        let exposure = CreditExposure(openReceivables: try DomainFixtures.money("9.999", "KWD"), openApprovedOrders: .zero(dinar))
        #expect(CreditPolicy.decide(orderAmount: try DomainFixtures.money("0.001", "KWD"), account: account, exposure: exposure).isApproved)
        #expect(!CreditPolicy.decide(orderAmount: try DomainFixtures.money("0.002", "KWD"), account: account, exposure: exposure).isApproved)
    }
}
