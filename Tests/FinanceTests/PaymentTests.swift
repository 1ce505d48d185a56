import Contracts
import Foundation
import Testing
import WholesailTestSupport

/// `POST /v1/payments` against the real database and broker: application oldest first or by reference, under- and
/// over-payments, idempotency by payment id, and refusals.
@Suite("Payments")
struct PaymentTests {
    /// Two invoices of customer C-1 in EUR at 19 %: ord-1 119.00 (issued first), ord-2 59.50.
    static func twoInvoices(_ finance: FinanceServiceHarness) async throws -> [InvoicePosted] {
        try await finance.customer("C-1", limit: 10_000_000)
        try await finance.taxRate("DE", percent: "19")
        try await finance.confirmed("ord-1", customer: "C-1", lines: [(1, "BOLT", 1, 10_000)])
        try await finance.confirmed("ord-2", customer: "C-1", lines: [(1, "BOLT", 1, 5_000)])
        try await finance.waitForOrder("ord-1")
        try await finance.waitForOrder("ord-2")
        try await finance.dispatched("ord-1", dispatchID: "d-1", lines: [(1, "BOLT", 1)])
        let first = try await finance.invoices(expecting: 1)
        try await finance.dispatched("ord-2", dispatchID: "d-2", lines: [(1, "BOLT", 1)])
        return first + (try await finance.invoices(expecting: 1))
    }

    static func payment(_ id: String, amount: String, references: [String] = []) -> String {
        let list = references.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"{"paymentID": "\#(id)", "customer": "C-1", "amount": {"amount": "\#(amount)", "currency": "EUR"}, "references": [\#(list)]}"#
    }

    @Test func aPaymentSettlesTheOldestInvoiceFirstAndLeavesTheRestOpen() async throws {
        try await FinanceServiceHarness.with("payment_oldest") { finance in
            let invoices = try await Self.twoInvoices(finance)
            let response = try await finance.service.client.post("/v1/payments", json: Self.payment("psp-1", amount: "150.00"))
            #expect(response.status == 201, "\(response.text)")
            let received = try #require(try await finance.service.collect(PaymentReceived.self, expecting: 1).first?.payload)
            #expect(received.applications.map(\.invoiceNumber) == invoices.map(\.invoiceNumber))
            #expect(received.applications.map(\.amount.minorUnits) == [11_900, 3_100])
            #expect(received.applications.last?.invoiceOpen == Money(minorUnits: 2_850, currency: .EUR))
            #expect(received.unapplied.isZero)
        }
    }

    @Test func anOverPaymentStaysUnappliedOnTheAccount() async throws {
        try await FinanceServiceHarness.with("payment_over") { finance in
            _ = try await Self.twoInvoices(finance)
            #expect(try await finance.service.client.post("/v1/payments", json: Self.payment("psp-1", amount: "200.00")).status == 201)
            let received = try #require(try await finance.service.collect(PaymentReceived.self, expecting: 1).first?.payload)
            #expect(received.unapplied == Money(minorUnits: 2_150, currency: .EUR))
            let account = try await finance.service.client.get("/v1/customers/C-1").json()
            #expect(account["unappliedPayments"]?["amount"]?.stringValue == "21.50")
            #expect(account["openReceivables"]?["amount"]?.stringValue == "0.00")
        }
    }

    @Test func aPaymentReferencingAnInvoicePaysThatInvoiceOnly() async throws {
        try await FinanceServiceHarness.with("payment_reference") { finance in
            let invoices = try await Self.twoInvoices(finance)
            let response = try await finance.service.client.post("/v1/payments", json: Self.payment("psp-1", amount: "100.00", references: [invoices[1].invoiceNumber, "INV-0000-999999"]))
            #expect(response.status == 201)
            #expect(try response.json()["unmatchedReferences"] == ["INV-0000-999999"])
            let received = try #require(try await finance.service.collect(PaymentReceived.self, expecting: 1).first?.payload)
            #expect(received.applications.map(\.invoiceNumber) == [invoices[1].invoiceNumber])
            #expect(received.applications.first?.amount == Money(minorUnits: 5_950, currency: .EUR))
            #expect(received.unapplied == Money(minorUnits: 4_050, currency: .EUR))
        }
    }

    @Test func theSamePaymentTwiceIsRecordedOnceAndAnsweredTheSame() async throws {
        try await FinanceServiceHarness.with("payment_replay") { finance in
            _ = try await Self.twoInvoices(finance)
            let first = try await finance.service.client.post("/v1/payments", json: Self.payment("psp-1", amount: "50.00"))
            let second = try await finance.service.client.post("/v1/payments", json: Self.payment("psp-1", amount: "50.00"))
            #expect(first.status == 201)
            #expect(second.status == 200)
            #expect(second.header("Idempotent-Replayed") == "true")
            #expect(first.body == second.body)
            let account = try await finance.service.client.get("/v1/customers/C-1").json()
            #expect(account["openReceivables"]?["amount"]?.stringValue == "128.50", "178.50 owed, 50.00 paid once")
        }
    }

    @Test func aPaymentIDReusedWithOtherContentIsAConflict() async throws {
        try await FinanceServiceHarness.with("payment_conflict") { finance in
            _ = try await Self.twoInvoices(finance)
            #expect(try await finance.service.client.post("/v1/payments", json: Self.payment("psp-1", amount: "50.00")).status == 201)
            let reused = try await finance.service.client.post("/v1/payments", json: Self.payment("psp-1", amount: "60.00"))
            #expect(reused.status == 409)
            #expect(try reused.problem().type == "urn:wholesail:problem:payment-id-reused")
        }
    }

    @Test func aPaymentOfAnUnknownCustomerOrInTheWrongCurrencyIsRefusedWithPointers() async throws {
        try await FinanceServiceHarness.with("payment_refused") { finance in
            try await finance.customer("C-1", limit: 100_000)
            let unknown = try await finance.service.client.post("/v1/payments", json: #"{"paymentID": "p", "customer": "C-9", "amount": {"amount": "1.00", "currency": "EUR"}}"#)
            #expect(unknown.status == 422)
            #expect(try unknown.problem().errors.first?.pointer == "/customer")
            let wrongCurrency = try await finance.service.client.post("/v1/payments", json: #"{"paymentID": "p", "customer": "C-1", "amount": {"amount": "1.00", "currency": "USD"}}"#)
            #expect(wrongCurrency.status == 422)
            #expect(try wrongCurrency.problem().errors.first?.pointer == "/amount/currency")
            let invalid = try await finance.service.client.post("/v1/payments", json: #"{"customer": 7, "amount": {"amount": 1}, "extra": true}"#)
            #expect(invalid.status == 422)
            let pointers = Set(try invalid.problem().errors.map(\.pointer))
            #expect(pointers.isSuperset(of: ["/paymentID", "/customer", "/amount", "/extra"]), "\(pointers)")
        }
    }
}
