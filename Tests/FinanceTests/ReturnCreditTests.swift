import Contracts
import Foundation
import Testing
import WholesailTestSupport

/// Credit notes and refunds from `shipments.return.received.v1` against the real broker and database.
@Suite("Return credits")
struct ReturnCreditTests {
    func received(_ finance: FinanceServiceHarness, receiptID: String, lines: [ReturnReceived.Line]) async throws {
        try await finance.service.publish(try EventEnvelope(
            payload: ReturnReceived(rma: "RMA-1", receiptID: receiptID, orderID: "ord-1", warehouse: "HAM", lines: lines, receivedAt: Date()),
            correlationID: "ord-1"
        ))
    }

    /// ord-1: 2 × 10.00 EUR at 19 %, dispatched and invoiced (23.80).
    func invoicedOrder(_ finance: FinanceServiceHarness) async throws -> InvoicePosted {
        try await finance.customer("C-1", limit: 10_000_000)
        try await finance.taxRate("DE", percent: "19")
        try await finance.confirmed("ord-1", customer: "C-1", lines: [(1, "BOLT", 2, 1_000)])
        try await finance.waitForOrder("ord-1")
        try await finance.dispatched("ord-1", dispatchID: "d-1", lines: [(1, "BOLT", 2)])
        return try #require(try await finance.invoices(expecting: 1).first)
    }

    @Test func resalableUnitsOfAPaidOrderAreCreditedWithTaxAndRefunded() async throws {
        try await FinanceServiceHarness.with("return_refund") { finance in
            _ = try await invoicedOrder(finance)
            #expect(try await finance.service.client.post("/v1/payments", json: PaymentTests.payment("psp-1", amount: "23.80")).status == 201)
            try await received(finance, receiptID: "rcv-1", lines: [
                ReturnReceived.Line(lineNumber: 1, sku: "BOLT", quantity: 1, condition: .resalable),
                ReturnReceived.Line(lineNumber: 1, sku: "BOLT", quantity: 1, condition: .damaged),
            ])
            let refund = try #require(try await finance.service.collect(RefundCompleted.self, expecting: 1).first?.payload)
            #expect(refund.amount == Money(minorUnits: 1_190, currency: .EUR), "one resalable unit: 10.00 + 19 % tax; the damaged one is not credited")
            #expect(refund.rma == "RMA-1")
            #expect(refund.creditNoteNumber.hasPrefix("CN-"))
        }
    }

    @Test func aCreditNoteFirstSettlesWhatIsStillOpenOnTheOrder() async throws {
        try await FinanceServiceHarness.with("return_open") { finance in
            _ = try await invoicedOrder(finance)
            try await received(finance, receiptID: "rcv-1", lines: [ReturnReceived.Line(lineNumber: 1, sku: "BOLT", quantity: 1, condition: .resalable)])
            let refund = try #require(try await finance.service.collect(RefundCompleted.self, expecting: 1).first?.payload)
            #expect(refund.amount.isZero, "the unpaid invoice absorbs the credit")
            let account = try await finance.service.client.get("/v1/customers/C-1").json()
            #expect(account["openReceivables"]?["amount"] == "11.90")
        }
    }

    @Test func theSameReceiptTwiceIsCreditedOnce() async throws {
        try await FinanceServiceHarness.with("return_once") { finance in
            _ = try await invoicedOrder(finance)
            let line = ReturnReceived.Line(lineNumber: 1, sku: "BOLT", quantity: 1, condition: .resalable)
            try await received(finance, receiptID: "rcv-1", lines: [line])
            try await received(finance, receiptID: "rcv-1", lines: [line])
            _ = try await finance.service.collect(RefundCompleted.self, expecting: 1)
            let notes = try await finance.schema.pool.query("SELECT count(*)::int FROM \(finance.schema.quotedName).credit_notes").first?.decode(Int.self, at: 0)
            #expect(notes == 1)
        }
    }
}
