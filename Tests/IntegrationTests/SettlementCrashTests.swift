import Contracts
import Foundation
import SuiteDriver
import Testing

extension BrokerDrivenSuite {
    /// Issue 7's crash: finance is SIGKILLed while its settlement post is at the ERP, the ERP books the batch anyway,
    /// and finance never hears the answer. After the restart the batch is still `ready`, is posted again under the same
    /// idempotency key, and the ERP answers with the first document: one booking, two deliveries.
    @Test func aSettlementPostInterruptedByAFinanceCrashIsBookedOnceInTheERP() async throws {
        let suite = try suite
        let client = suite.client
        let scenario = Scenario("ledger", suite: suite)
        let warehouse = scenario.warehouse("HAM")
        let sku = scenario.sku("PANEL")
        let customer = scenario.customer()
        try await scenario.warehouse(warehouse, postalPrefixes: ["20"])
        try await scenario.stock(sku, [(warehouse, 10)])
        try await scenario.prices([sku: "40.00"])
        try await scenario.account(customer)
        let orderID = try await scenario.submit("1", customer: customer, lines: [(sku, 2)]).orderID
        _ = try await suite.waitForOrder(orderID, "posted to the ERP") { $0.erpDocumentNumber != nil }
        let shipment = try await suite.waitFor("the shipment of order \(orderID)") { try await client.shipments(orderID: orderID).first }
        _ = try await client.postMilestone(shipmentID: shipment.id, MilestoneReport(eventID: scenario.reference("DISPATCH"), type: .dispatched))
        _ = try await suite.waitFor("the invoice of order \(orderID)") { try await client.invoices(orderID: orderID).first }

        // The ERP takes 10 s to answer; finance (whose poster is woken by the request and posts at once) dies 3 s in.
        _ = try await client.setERPKnobs(ERPKnobs(latencyMilliseconds: 10_000))
        let batches = try await client.requestSettlement(requestedBy: "it-ledger")
        let batch = try #require(batches.first { $0.status == .ready })
        try await Task.sleep(for: .seconds(3))
        try await suite.kill("finance")
        let booked = try await suite.waitFor("the ERP to book batch \(batch.id) after finance died") {
            try await client.erpDocuments(kind: .journalBatches).first { $0.idempotencyKey == batch.id }
        }
        #expect(booked.deliveries == 1, "booked while finance was down, from its one post")

        _ = try await client.setERPKnobs(ERPKnobs())
        try await suite.restart("finance")
        let posted = try await suite.waitFor("batch \(batch.id) posted after finance's restart") { () async throws -> SettlementBatchDocument? in
            let current = try await client.settlementBatch(id: batch.id)
            return current.status == .posted ? current : nil
        }
        let documents = try await client.erpDocuments(kind: .journalBatches).filter { $0.idempotencyKey == batch.id }
        #expect(documents.count == 1, "one booking in the ERP")
        #expect(documents.first?.deliveries == 2, "posted again after the crash, answered with the first document")
        #expect(documents.first?.conflicts == 0)
        #expect(posted.ledgerDocumentNumber == documents.first?.documentNumber)
    }
}
