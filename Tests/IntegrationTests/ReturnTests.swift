import Contracts
import Foundation
import SuiteDriver
import Testing

extension BrokerDrivenSuite {
    /// Scenario 4: a paid order comes partly back — authorized, received (two resalable, one damaged), restocked,
    /// credited and refunded — and the order's timeline tells the story.
    @Test func aReturnIsAuthorizedReceivedRestockedCreditedAndRefundedOnTheTimeline() async throws {
        let suite = try suite
        let client = suite.client
        let scenario = Scenario("return", suite: suite)
        let warehouse = scenario.warehouse("HAM")
        let sku = scenario.sku("DRILL")
        let customer = scenario.customer()
        try await scenario.warehouse(warehouse, postalPrefixes: ["20"])
        try await scenario.stock(sku, [(warehouse, 20)])
        try await scenario.prices([sku: "20.00"])
        try await scenario.account(customer)

        // Sold, shipped, invoiced (100.00 + 19.00) and paid.
        let orderID = try await scenario.submit("1", customer: customer, lines: [(sku, 5)]).orderID
        try await suite.waitForOrder(orderID, "confirmed") { $0.timelineStates.contains("confirmed") }
        let shipment = try await suite.waitFor("the shipment of order \(orderID)") { try await client.shipments(orderID: orderID).first }
        try await client.postMilestone(shipmentID: shipment.id, MilestoneReport(eventID: scenario.reference("DISPATCH"), type: .dispatched))
        let invoice = try await suite.waitFor("the invoice of order \(orderID)") { try await client.invoices(orderID: orderID).first }
        #expect(invoice.total == (try Scenario.euros("119.00")))
        try await client.postPayment(PaymentRequest(paymentID: scenario.reference("PAY"), customer: customer, amount: invoice.total, references: [invoice.number]))
        try await suite.waitFor("5 units issued from \(warehouse)") { () async throws -> StockPosition? in
            let position = try await scenario.position(sku, in: warehouse)
            return position?.onHand == 15 ? position : nil
        }
        // A return is checked against what the orders service knows was dispatched.
        try await suite.waitForOrder(orderID, "shipped") { $0.lines.first?.shipped == 5 }

        let authorized = try await client.authorizeReturn(
            orderID: orderID, ReturnRequest(lines: [ReturnRequest.Line(lineNumber: 1, quantity: 3)], reason: "wrong size"),
            idempotencyKey: scenario.reference("RMA")
        )
        #expect(authorized.rma.hasPrefix("RMA-"))
        #expect(authorized.lines.map(\.quantity) == [3])
        #expect(authorized.lines.map(\.sku) == [sku])

        // Shipments learns of the RMA from orders' event; until then the receipt is refused (404).
        let receipt = ReturnReceiptReport(receiptID: scenario.reference("RECEIPT"), warehouse: warehouse, lines: [
            ReturnReceiptReport.Line(lineNumber: 1, quantity: 2, condition: .resalable),
            ReturnReceiptReport.Line(lineNumber: 1, quantity: 1, condition: .damaged),
        ])
        let received = try await suite.waitFor("shipments to accept the receipt of \(authorized.rma)") {
            try await client.postReturnReceipt(rma: authorized.rma, receipt)
        }
        #expect(received.orderID == orderID)
        #expect(received.lines.map(\.quantity).reduce(0, +) == 3)

        // Resalable units are back on hand; the damaged one is not.
        try await suite.waitFor("2 resalable units restocked in \(warehouse)") { () async throws -> StockPosition? in
            let position = try await scenario.position(sku, in: warehouse)
            return position?.onHand == 17 ? position : nil
        }

        // Credit note for the resalable units at the invoiced price and tax (2 × 20.00 + 19 %), refunded: it was paid.
        let refunded = try await suite.waitForOrder(orderID, "refunded") { $0.timelineStates.contains("refunded") }
        #expect(refunded.status == "refunded")
        let states = refunded.timelineStates
        #expect(states.filter { $0 == "return_authorized" }.count == 1)
        #expect(states.filter { $0 == "returned" }.count == 1)
        #expect(states.filter { $0 == "refunded" }.count == 1)
        let index = { (state: String) in states.firstIndex(of: state) ?? -1 }
        #expect(index("invoiced") < index("return_authorized"))
        #expect(index("return_authorized") < index("returned"))
        #expect(index("return_authorized") < index("refunded"))
        #expect(refunded.entries("return_authorized").first?.detail?.contains(authorized.rma) == true)
        #expect(refunded.entries("returned").first?.detail?.contains(authorized.rma) == true)
        let refundDetail = try #require(refunded.entries("refunded").first?.detail)
        #expect(refundDetail.contains("47.60"))
        #expect(refundDetail.contains("CN-"))
        #expect(refunded.lines.first?.returnAuthorized == 3)

        let day: TimeInterval = 86_400
        let report = try await client.reconciliation(from: Date().addingTimeInterval(-day), to: Date().addingTimeInterval(day))
        let line = try #require(report.orders.first { $0.orderID == orderID })
        #expect(line.shippedUnits == 5)
        #expect(line.invoicedUnits == 5)
        #expect(line.paid == (try Scenario.euros("119.00")))
    }
}
