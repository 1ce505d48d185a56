import Contracts
import Foundation
import SuiteDriver

/// The demo, step by step, printing as it goes.
struct DemoRun {
    let client: SuiteClient
    let timeout: Duration
    /// The API key's channel (the Shopify shop and EDI partner of the demo belong to it).
    let channel: String

    /// One demo order: what it shows and what it should end as.
    struct DemoOrder {
        var title: String
        var submission: OrderSubmission
        var expected: Set<String>
    }

    func run() async throws {
        try await waitForServices()
        print("demo: loading the catalogue (2 warehouses, 3 items with stock, a EUR price list, DE VAT 19 %, 2 customer accounts)")
        try await DemoCatalogue.load(into: client)

        let run = Self.runStamp()
        let orders = [
            DemoOrder(title: "confirmed, shipped, invoiced and completed", submission: OrderSubmission(
                channelOrderReference: "DEMO-\(run)-1", customer: DemoCatalogue.goodCustomer, currency: "EUR", shipTo: DemoCatalogue.hamburg,
                lines: [.init(sku: "DEMO-BOLT-M8-50", quantity: 400, unitPrice: "0.18"), .init(sku: "DEMO-NUT-M8", quantity: 400)]
            ), expected: ["confirmed", "erp_posted"]),
            DemoOrder(title: "rejected: over the customer's credit limit", submission: OrderSubmission(
                channelOrderReference: "DEMO-\(run)-2", customer: DemoCatalogue.tightCustomer, currency: "EUR", shipTo: DemoCatalogue.munich,
                lines: [.init(sku: "DEMO-BOLT-M8-50", quantity: 1_000)]
            ), expected: ["rejected"]),
            DemoOrder(title: "rejected: a product nobody sells", submission: OrderSubmission(
                channelOrderReference: "DEMO-\(run)-3", customer: DemoCatalogue.goodCustomer, currency: "EUR", shipTo: DemoCatalogue.hamburg,
                lines: [.init(sku: "DEMO-SCREW-UNKNOWN", quantity: 10)]
            ), expected: ["rejected"]),
        ]
        var accepted: [(DemoOrder, String)] = []
        for order in orders {
            let acceptance = try await client.submitOrder(order.submission)
            print("demo: submitted \(order.submission.channelOrderReference) → order \(acceptance.orderID) (\(acceptance.status))")
            accepted.append((order, acceptance.orderID))
        }
        for (order, orderID) in accepted {
            let decided = try await waitFor(orderID, "decided") { !["received"].contains($0.status) }
            guard order.expected.contains(decided.status) else {
                throw DemoFailure(message: "order \(orderID) (\(order.title)) ended \(decided.status)\(decided.attentionReason.map { ": \($0)" } ?? ""); see the services' logs in .local/logs")
            }
        }
        if let (_, orderID) = accepted.first {
            try await fulfil(orderID)
        }
        let channelOrders = try await DemoChannels(client: client, channel: channel, run: run, demo: self).run()
        print("")
        for (title, orderID) in accepted.map({ ($0.0.title, $0.1) }) + channelOrders {
            let document = try await client.order(id: orderID)
            print("order \(document.channelOrderReference) (\(title)) — \(orderID), status \(document.status)\(document.erpDocumentNumber.map { ", ERP \($0)" } ?? "")")
            for entry in document.timeline {
                print("  \(Self.time(entry.at))  \(entry.state.padding(toLength: 18, withPad: " ", startingAt: 0)) \(entry.detail ?? "")")
            }
        }
    }

    /// Dispatches and delivers every shipment of a confirmed order, then waits until it is invoiced and completed.
    func fulfil(_ orderID: String) async throws {
        let shipments = try await waitForValue("the shipments of \(orderID)") {
            let found = try await client.shipments(orderID: orderID)
            return found.isEmpty ? nil : found
        }
        for shipment in shipments {
            _ = try await client.postMilestone(shipmentID: shipment.id, MilestoneReport(
                eventID: "demo-\(shipment.id)-dispatched", type: .dispatched, carrier: "DHL", trackingNumber: "DEMO\(shipment.id.suffix(8))"))
            _ = try await client.postMilestone(shipmentID: shipment.id, MilestoneReport(eventID: "demo-\(shipment.id)-delivered", type: .delivered))
            print("demo: shipment \(shipment.id) from \(shipment.warehouse) dispatched and delivered")
        }
        _ = try await waitFor(orderID, "completed (shipped, delivered, invoiced)") { $0.status == "completed" }
        for invoice in try await client.invoices(orderID: orderID) {
            print("demo: invoice \(invoice.number) for \(orderID): \(invoice.total)")
        }
    }

    private func waitForServices() async throws {
        let endpoints = client.endpoints
        for (name, url) in [("pricing", endpoints.pricing), ("inventory", endpoints.inventory), ("orders", endpoints.orders),
                            ("shipments", endpoints.shipments), ("finance", endpoints.finance)] {
            _ = try await waitForValue("\(name) to be ready at \(url.absoluteString)") { await client.isReady(url) ? true : nil }
        }
    }

    func waitFor(_ orderID: String, _ what: String, until done: @escaping (OrderDocument) -> Bool) async throws -> OrderDocument {
        try await waitForValue("order \(orderID) to be \(what)") {
            let document = try await client.order(id: orderID)
            return done(document) ? document : nil
        }
    }

    func waitForValue<Value>(_ what: String, _ probe: () async throws -> Value?) async throws -> Value {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = try await probe() { return value }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw DemoFailure(message: "gave up waiting for \(what) after \(timeout); see the services' logs in .local/logs")
    }

    static func runStamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }

    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "HH:mm:ss.SSS"
        return formatter.string(from: date)
    }
}
