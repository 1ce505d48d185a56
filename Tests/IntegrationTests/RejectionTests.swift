import Contracts
import Foundation
import SuiteDriver
import Testing

extension BrokerDrivenSuite {
    /// Scenario 2a: a SKU nobody knows — pricing cannot price it and inventory does not stock it.
    @Test func anOrderWithAnUnknownSKUIsRejectedWithTheSKUAndHoldsNothing() async throws {
        let suite = try suite
        let scenario = Scenario("unknown", suite: suite)
        let warehouse = scenario.warehouse("HAM")
        let known = scenario.sku("KNOWN")
        let unknown = scenario.sku("GHOST")
        let customer = scenario.customer()
        try await scenario.warehouse(warehouse, postalPrefixes: ["20"])
        try await scenario.stock(known, [(warehouse, 20)])
        try await scenario.prices([known: "5.00"])
        try await scenario.account(customer)

        let orderID = try await scenario.submit("1", customer: customer, lines: [(known, 3), (unknown, 1)]).orderID

        let rejected = try await suite.waitForOrder(orderID, "rejected, with pricing's and inventory's answers") {
            $0.status == "rejected" && $0.timelineStates.contains("pricing_rejected") && $0.timelineStates.contains("reservation_failed")
        }
        #expect(rejected.entries("rejected").count == 1)
        #expect(rejected.entries("rejected").first?.detail?.contains(unknown) == true)
        #expect(rejected.entries("pricing_rejected").first?.detail?.contains(unknown) == true)
        #expect(rejected.entries("reservation_failed").first?.detail?.contains(unknown) == true)
        #expect(!rejected.timelineStates.contains("confirmed"))
        #expect(!rejected.timelineStates.contains("credit_approved"))
        // All or nothing: the known SKU was not reserved either; no credit was held.
        let position = try await scenario.position(known, in: warehouse)
        #expect(position?.reserved == 0)
        #expect(position?.onHand == 20)
        #expect(try await suite.client.customer(id: customer).heldForOpenOrders.isZero)
        #expect(try await suite.client.erpDocuments(kind: .salesOrders).allSatisfy { $0.idempotencyKey != orderID })
    }

    /// Scenario 2b: more units than any warehouse has — inventory refuses; the credit finance approved meanwhile is
    /// released.
    @Test func anOrderBeyondTheStockIsRejectedWithTheShortageAndItsCreditHoldIsReleased() async throws {
        let suite = try suite
        let scenario = Scenario("short", suite: suite)
        let warehouse = scenario.warehouse("HAM")
        let sku = scenario.sku("SCARCE")
        let customer = scenario.customer()
        try await scenario.warehouse(warehouse, postalPrefixes: ["20"])
        try await scenario.stock(sku, [(warehouse, 5)])
        try await scenario.prices([sku: "9.00"])
        try await scenario.account(customer)

        let orderID = try await scenario.submit("1", customer: customer, lines: [(sku, 8)]).orderID

        // Finance approves (and holds) independently of inventory: wait for its answer too.
        let rejected = try await suite.waitForOrder(orderID, "rejected, with finance's answer") {
            $0.status == "rejected" && $0.timelineStates.contains("credit_approved")
        }
        #expect(rejected.entries("reservation_failed").first?.detail?.contains("\(sku): 8 requested, 5 available") == true)
        #expect(rejected.entries("rejected").first?.detail?.contains("inventory") == true)
        #expect(!rejected.timelineStates.contains("confirmed"))
        let released = try await suite.waitFor("the credit hold of order \(orderID) released") { () async throws -> CustomerAccountDocument? in
            let account = try await suite.client.customer(id: customer)
            return account.heldForOpenOrders.isZero ? account : nil
        }
        #expect(released.availableCredit == released.creditLimit)
        let position = try await scenario.position(sku, in: warehouse)
        #expect(position?.reserved == 0)
        #expect(position?.onHand == 5)
        #expect(try await suite.client.availability(sku: sku).totalNow == 5)
    }

    /// Scenario 2c: an order over the customer's credit limit — finance refuses; the stock inventory reserved
    /// meanwhile is released.
    @Test func anOrderOverTheCreditLimitIsRejectedWithTheFiguresAndItsReservationIsReleased() async throws {
        let suite = try suite
        let scenario = Scenario("credit", suite: suite)
        let warehouse = scenario.warehouse("HAM")
        let sku = scenario.sku("PRICEY")
        let customer = scenario.customer()
        try await scenario.warehouse(warehouse, postalPrefixes: ["20"])
        try await scenario.stock(sku, [(warehouse, 50)])
        try await scenario.prices([sku: "12.50"])
        try await scenario.account(customer, limit: "10.00")

        let orderID = try await scenario.submit("1", customer: customer, lines: [(sku, 4)]).orderID

        // Inventory reserves independently of finance: wait for its answer too.
        let rejected = try await suite.waitForOrder(orderID, "rejected, with inventory's answer") {
            $0.status == "rejected" && $0.timelineStates.contains("reserved")
        }
        let creditDetail = try #require(rejected.entries("credit_rejected").first?.detail)
        #expect(creditDetail.contains("exceeds the credit limit"))
        #expect(creditDetail.contains("10.00"))
        #expect(rejected.entries("rejected").first?.detail?.contains("credit") == true)
        #expect(!rejected.timelineStates.contains("confirmed"))
        let position = try await suite.waitFor("the reservation of order \(orderID) released") { () async throws -> StockPosition? in
            let position = try await scenario.position(sku, in: warehouse)
            return position?.reserved == 0 ? position : nil
        }
        #expect(position.onHand == 50)
        let account = try await suite.client.customer(id: customer)
        #expect(account.heldForOpenOrders.isZero)
        #expect(account.availableCredit == (try Scenario.euros("10.00")))
    }
}
