import Contracts
import Foundation
import SuiteDriver
import Testing

extension BrokerDrivenSuite {
    /// Scenario 3: no warehouse can fill the order alone, so it ships from two; one shipment leaves in two parts, and
    /// every dispatch gets an invoice of its own.
    @Test func anOrderSplitOverTwoWarehousesShipsInPartsAndIsInvoicedOncePerDispatch() async throws {
        let suite = try suite
        let client = suite.client
        let scenario = Scenario("split", suite: suite)
        let north = scenario.warehouse("NORTH")
        let south = scenario.warehouse("SOUTH")
        let sku = scenario.sku("CABLE")
        let customer = scenario.customer()
        try await scenario.warehouse(north, postalPrefixes: ["20"])
        try await scenario.warehouse(south, postalPrefixes: ["80"])
        try await scenario.stock(sku, [(north, 6), (south, 6)])
        try await scenario.prices([sku: "7.00"])
        try await scenario.account(customer)

        let orderID = try await scenario.submit("1", customer: customer, lines: [(sku, 10)]).orderID
        let confirmed = try await suite.waitForOrder(orderID, "confirmed") { $0.timelineStates.contains("confirmed") }
        // The nearest warehouse (Hamburg's postal prefix) gives what it has; the other the rest.
        #expect(confirmed.entries("reserved").first?.detail?.contains("6 \(sku) from \(north)") == true)
        #expect(confirmed.entries("reserved").first?.detail?.contains("4 \(sku) from \(south)") == true)

        let shipments = try await suite.waitFor("two shipments of order \(orderID)") { () async throws -> [ShipmentDocument]? in
            let shipments = try await client.shipments(orderID: orderID)
            return shipments.count >= 2 ? shipments : nil
        }
        #expect(shipments.count == 2)
        let fromNorth = try #require(shipments.first { $0.warehouse == north })
        let fromSouth = try #require(shipments.first { $0.warehouse == south })
        #expect(fromNorth.lines.map(\.quantity) == [6])
        #expect(fromSouth.lines.map(\.quantity) == [4])

        // North ships half now, the rest later; south ships everything at once.
        let partial = try await client.postMilestone(shipmentID: fromNorth.id, MilestoneReport(
            eventID: scenario.reference("NORTH-1"), type: .dispatched, lines: [MilestoneReport.Line(lineNumber: 1, quantity: 3)]
        ))
        #expect(partial.shipment.status == "partially_dispatched")
        #expect(partial.shipment.lines.map(\.openQuantity) == [3])
        let rest = try await client.postMilestone(shipmentID: fromNorth.id, MilestoneReport(eventID: scenario.reference("NORTH-2"), type: .dispatched))
        #expect(rest.shipment.status == "dispatched")
        #expect(rest.shipment.lines.map(\.openQuantity) == [0])
        let whole = try await client.postMilestone(shipmentID: fromSouth.id, MilestoneReport(eventID: scenario.reference("SOUTH-1"), type: .dispatched))
        #expect(whole.shipment.status == "dispatched")

        let invoices = try await suite.waitFor("three invoices of order \(orderID)") { () async throws -> [InvoiceDocument]? in
            let invoices = try await client.invoices(orderID: orderID)
            return invoices.count >= 3 ? invoices : nil
        }
        #expect(invoices.count == 3)
        #expect(Set(invoices.map(\.dispatchID)).count == 3)
        #expect(invoices.flatMap(\.lines).map(\.quantity).sorted() == [3, 3, 4])
        #expect(invoices.filter { $0.shipmentID == fromNorth.id }.count == 2)
        #expect(invoices.filter { $0.shipmentID == fromSouth.id }.count == 1)
        let net = try Money.sum(invoices.map(\.net), in: try Currency(code: "EUR"))
        #expect(net == (try Scenario.euros("70.00")))

        // Each warehouse issued exactly what it shipped.
        let northPosition = try await suite.waitFor("\(north) issued") { () async throws -> StockPosition? in
            let position = try await scenario.position(sku, in: north)
            return position?.onHand == 0 ? position : nil
        }
        #expect(northPosition.reserved == 0)
        let southPosition = try await suite.waitFor("\(south) issued") { () async throws -> StockPosition? in
            let position = try await scenario.position(sku, in: south)
            return position?.onHand == 2 ? position : nil
        }
        #expect(southPosition.reserved == 0)

        let order = try await suite.waitForOrder(orderID, "three invoices on the timeline") { $0.entries("invoiced").count >= 3 }
        #expect(order.entries("shipped").count == 3)
        #expect(order.entries("invoiced").count == 3)
        #expect(order.lines.map(\.shipped) == [10])
    }
}
