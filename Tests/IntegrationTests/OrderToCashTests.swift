import Contracts
import Foundation
import SuiteDriver
import Testing

extension BrokerDrivenSuite {
    /// Scenario 1: one order through every service, end to end, checked at each service's API and at the ERP.
    @Test func anOrderGoesFromIntakeToASettledLedgerBatchAndItsTimelineShowsEveryStep() async throws {
        let suite = try suite
        let client = suite.client
        let scenario = Scenario("o2c", suite: suite)
        let warehouse = scenario.warehouse("HAM")
        let bolt = scenario.sku("BOLT")
        let nut = scenario.sku("NUT")
        let customer = scenario.customer()
        try await scenario.warehouse(warehouse, postalPrefixes: ["20"])
        try await scenario.stock(bolt, [(warehouse, 100)])
        try await scenario.stock(nut, [(warehouse, 50)])
        try await scenario.prices([bolt: "12.50", nut: "3.20"])
        try await scenario.account(customer)

        let accepted = try await scenario.submit("1", customer: customer, lines: [(bolt, 4), (nut, 2)])
        #expect(accepted.status == "received")
        let orderID = accepted.orderID

        // Priced, reserved, credit approved → confirmed → posted to the ERP, once.
        let posted = try await suite.waitForOrder(orderID, "posted to the ERP") { $0.erpDocumentNumber != nil }
        #expect(posted.status == "erp_posted")
        #expect(posted.total == (try Scenario.euros("56.40")))
        #expect(posted.lines.map(\.unitPrice) == [try Scenario.euros("12.50"), try Scenario.euros("3.20")])
        let salesOrders = try await client.erpDocuments(kind: .salesOrders).filter { $0.idempotencyKey == orderID }
        #expect(salesOrders.count == 1)
        #expect(salesOrders.first?.documentNumber == posted.erpDocumentNumber)
        #expect(salesOrders.first?.conflicts == 0)
        let reserved = try await scenario.position(bolt, in: warehouse)
        #expect(reserved?.onHand == 100)
        #expect(reserved?.reserved == 4)

        // Shipments made one shipment from the one warehouse that holds everything.
        let shipment = try await suite.waitFor("the shipment of order \(orderID)") { try await client.shipments(orderID: orderID).first }
        #expect(shipment.warehouse == warehouse)
        #expect(shipment.status == "created")
        #expect(shipment.lines.map(\.quantity) == [4, 2])

        // Dispatched → inventory issues the stock.
        let dispatch = try await client.postMilestone(shipmentID: shipment.id, MilestoneReport(
            eventID: scenario.reference("DISPATCH"), type: .dispatched, carrier: "DHL", trackingNumber: "00340434161094042557"
        ))
        #expect(dispatch.shipment.status == "dispatched")
        let bolts = try await suite.waitFor("the bolts issued from \(warehouse)") { () async throws -> StockPosition? in
            let position = try await scenario.position(bolt, in: warehouse)
            return position?.onHand == 96 ? position : nil
        }
        #expect(bolts.reserved == 0)
        let nuts = try await suite.waitFor("the nuts issued from \(warehouse)") { () async throws -> StockPosition? in
            let position = try await scenario.position(nut, in: warehouse)
            return position?.onHand == 48 ? position : nil
        }
        #expect(nuts.reserved == 0)

        // Invoiced at the priced amounts with 19 % VAT per line: 50.00 + 9.50, 6.40 + 1.22 (1.216 rounded).
        let invoice = try await suite.waitFor("the invoice of order \(orderID)") { try await client.invoices(orderID: orderID).first }
        #expect(invoice.shipmentID == shipment.id)
        #expect(invoice.net == (try Scenario.euros("56.40")))
        #expect(invoice.tax == (try Scenario.euros("10.72")))
        #expect(invoice.total == (try Scenario.euros("67.12")))
        #expect(invoice.lines.map(\.quantity) == [4, 2])

        // Delivered: every unit shipped, delivered and invoiced → completed.
        try await client.postMilestone(shipmentID: shipment.id, MilestoneReport(eventID: scenario.reference("DELIVERED"), type: .delivered))
        try await suite.waitForOrder(orderID, "completed") { $0.status == "completed" }

        // Paid in full.
        let payment = try await client.postPayment(PaymentRequest(
            paymentID: scenario.reference("PAY"), customer: customer, amount: invoice.total, references: [invoice.number]
        ))
        #expect(payment.payment.applications.map(\.invoiceNumber) == [invoice.number])
        #expect(payment.payment.applications.first?.invoiceOpen.isZero == true)
        #expect(payment.payment.unapplied.isZero)
        let account = try await client.customer(id: customer)
        #expect(account.openReceivables.isZero)
        #expect(account.heldForOpenOrders.isZero)

        // Settled: the batch holding the invoice is posted to the ERP ledger, once.
        let batches = try await client.requestSettlement(requestedBy: "it-maker")
        let settled = try await client.invoices(orderID: orderID).first
        let batchID = try #require(settled?.settlementBatchID, "the invoice is in no settlement batch after POST /v1/settlements")
        let requested = try #require(batches.first { $0.id == batchID }, "POST /v1/settlements did not answer the invoice's batch")
        #expect(requested.status != .held, "the batch was held: \(requested.holdReasons)")
        let batch = try await suite.waitFor("settlement batch \(batchID) posted") { () async throws -> SettlementBatchDocument? in
            let batch = try await client.settlementBatch(id: batchID)
            return batch.status == .posted ? batch : nil
        }
        #expect(batch.totals.debitTotal == batch.totals.creditTotal)
        let journals = try await client.erpDocuments(kind: .journalBatches).filter { $0.idempotencyKey == batchID }
        #expect(journals.count == 1)
        #expect(journals.first?.documentNumber == batch.ledgerDocumentNumber)

        // The timeline shows every step, each once, in an order that makes sense.
        let final = try await client.order(id: orderID)
        let states = final.timelineStates
        for state in ["received", "priced", "reserved", "credit_approved", "confirmed", "erp_posted", "shipped", "invoiced", "delivered", "completed"] {
            #expect(states.filter { $0 == state }.count == 1, "timeline state \(state) in \(states)")
        }
        #expect(states.first == "received")
        #expect(states.last == "completed")
        let position = { (state: String) in states.firstIndex(of: state) ?? -1 }
        #expect(["priced", "reserved", "credit_approved"].allSatisfy { position($0) < position("confirmed") })
        #expect(position("confirmed") < position("erp_posted"))
        #expect(position("erp_posted") < position("shipped"))
        #expect(position("shipped") < position("invoiced"))
        #expect(final.entries("erp_posted").first?.detail?.contains(posted.erpDocumentNumber ?? "?") == true)
        #expect(final.entries("invoiced").first?.detail?.contains(invoice.number) == true)
        #expect(final.lines.map(\.shipped) == [4, 2])
    }
}
