import Foundation
import Testing
import WholesailTestSupport
@testable import Wholesailctl

/// `orders timeline` reads an order's status and timeline through the Orders module's store.
@Suite("wholesailctl orders timeline")
struct OrderTimelineCommandTests {
    private func arguments(_ schema: String) -> [String] {
        ["--schema", schema, "--database-url", TestServers.databaseURL]
    }

    @Test func printsTheStatusAndEveryTimelineEntryInOrder() async throws {
        try await OrdersTestSchema.with("ctl-timeline") { schema in
            try await OrdersTestSchema.insertOrder(id: "order-1", status: "confirmed", entries: [
                ("priced", "event-priced", "total 42.00 EUR"),
                ("reserved", "event-reserved", "warehouse BER"),
                ("credit_approved", "event-credit", nil),
                ("confirmed", "event-confirmed", "all steps approved"),
            ], in: schema)
            let run = await WholesailctlRun.run(["orders", "timeline", "order-1"] + arguments(schema.name))
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.first == "order order-1: confirmed")
            #expect(run.output.contains { $0.contains("channel webshop-de (reference PO-order-1), customer C-1001, 2 line(s)") }, "\(run.text)")
            let states = run.output.drop { $0 != "timeline:" }.dropFirst().map { $0.split(separator: " ")[1] }
            #expect(states == ["received", "priced", "reserved", "credit_approved", "confirmed"], "\(run.text)")
            #expect(run.output.contains { $0.contains("2026-11-27T10:00:01.000Z  priced") && $0.contains("total 42.00 EUR") && $0.contains("(event event-priced)") })
        }
    }

    @Test func jsonCarriesTheStatusAndTheTimeline() async throws {
        try await OrdersTestSchema.with("ctl-timeline-json") { schema in
            try await OrdersTestSchema.insertOrder(id: "order-2", status: "rejected", entries: [("rejected", "event-rejected", "no stock for SKU-2")], in: schema)
            let run = await WholesailctlRun.run(["orders", "timeline", "order-2", "--json"] + arguments(schema.name))
            #expect(run.status == 0, "\(run.errors)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.text.utf8)) as? [String: Any])
            #expect(object["orderID"] as? String == "order-2")
            #expect(object["status"] as? String == "rejected")
            let timeline = try #require(object["timeline"] as? [[String: Any]])
            #expect(timeline.compactMap { $0["state"] as? String } == ["received", "rejected"])
            #expect(timeline.last?["detail"] as? String == "no stock for SKU-2")
            #expect(timeline.first?["at"] as? String == "2026-11-27T10:00:00.000Z")
        }
    }

    @Test func anUnknownOrderFailsWithStatusOne() async throws {
        try await OrdersTestSchema.with("ctl-timeline-unknown") { schema in
            let run = await WholesailctlRun.run(["orders", "timeline", "order-404"] + arguments(schema.name))
            #expect(run.status == 1)
            #expect(run.errors == ["wholesailctl: no order order-404 in schema \(schema.name); check the id (GET /v1/orders lists a channel's orders)"])
        }
    }

    @Test func aSchemaTheOrdersServiceNeverMigratedSaysSo() async throws {
        try await PostgresTestEnvironment.withSchema("ctl-timeline-bare") { schema in
            let run = await WholesailctlRun.run(["orders", "timeline", "order-1"] + arguments(schema.name))
            #expect(run.status == 1)
            #expect(run.errors.count == 1, "\(run.errors)")
            #expect(run.errors.first?.contains("has not applied its migrations") == true, "\(run.errors)")
        }
    }
}
