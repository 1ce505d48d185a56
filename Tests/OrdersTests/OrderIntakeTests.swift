import Contracts
import Foundation
import Orders
import Testing
import WholesailTestSupport

/// `POST /v1/orders` against the real database and broker: accepted fast and durably, idempotent, validated.
@Suite("Order intake")
struct OrderIntakeTests {
    @Test func anAcceptedOrderIsStoredAndAnnouncedWith202AndLocation() async throws {
        try await OrdersServiceHarness.with("orders_intake") { orders in
            let response = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(), idempotencyKey: "k-1")
            #expect(response.status == 202)
            let body = try response.json()
            let orderID = try #require(body["orderID"]?.stringValue)
            #expect(body["status"]?.stringValue == "received")
            #expect(response.header("Location") == "/v1/orders/\(orderID)")

            let received = try #require(try await orders.service.collect(OrderReceived.self, expecting: 1).first)
            #expect(received.payload.orderID == orderID)
            #expect(received.correlationID == orderID)
            #expect(received.payload.channel == "shop")
            #expect(received.payload.lines.map(\.lineNumber) == [1, 2])
            #expect(received.payload.lines[0].channelUnitPrice == Money(minorUnits: 100, currency: .EUR))
            #expect(received.payload.lines[1].channelUnitPrice == nil)
            #expect(received.payload.requestedDate == "2026-12-03")
            #expect(try await orders.status(orderID) == "received")
            #expect(try await orders.timelineStates(orderID) == ["received"])
        }
    }

    @Test func theSameKeyAndBodyAgainReturnsTheOriginalResponseAndStoresOneOrder() async throws {
        try await OrdersServiceHarness.with("orders_idempotent") { orders in
            let first = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(), idempotencyKey: "k-1")
            // The same order with other whitespace and member order is the same request.
            let reordered = #"{"customer":"C-1","channelOrderReference":"WS-1","currency":"EUR","requestedDate":"2026-12-03","lines":[{"quantity":10,"sku":"BOLT","unitPrice":"1.00"},{"sku":"NUT","quantity":5}],"shipTo":{"country":"DE","city":"Hamburg","lines":["Hafenstraße 12"],"postalCode":"20457","company":"Nordlicht Handel GmbH"}}"#
            let second = try await orders.post("/v1/orders", json: reordered, idempotencyKey: "k-1")
            #expect(first.status == 202)
            #expect(second.status == 202)
            #expect(second.body == first.body)
            #expect(second.header("Idempotent-Replayed") == "true")
            #expect(first.header("Idempotent-Replayed") == nil)
            #expect(try await orders.schema.pool.query("SELECT count(*) FROM orders").first?.decode(Int.self, at: 0) == 1)
            #expect(try await orders.service.collect(OrderReceived.self, expecting: 1, timeout: .seconds(60)).count == 1)
            #expect(try await orders.service.collect(OrderReceived.self, expecting: 1, timeout: .seconds(3)).isEmpty)
        }
    }

    @Test func theSameKeyWithAnotherBodyIs422AndChangesNothing() async throws {
        try await OrdersServiceHarness.with("orders_key_conflict") { orders in
            #expect(try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "WS-1"), idempotencyKey: "k-1").status == 202)
            let conflict = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "WS-2"), idempotencyKey: "k-1")
            #expect(conflict.status == 422)
            #expect(conflict.header("Content-Type") == "application/problem+json")
            #expect(try conflict.problem().type == "urn:wholesail:problem:idempotency-key-reused")
            #expect(try await orders.schema.pool.query("SELECT channel_order_reference FROM orders").map { try $0.decode(String.self, at: 0) } == ["WS-1"])
        }
    }

    @Test func aSecondOrderWithTheSameChannelReferenceReturnsTheExistingOrder() async throws {
        try await OrdersServiceHarness.with("orders_duplicate_reference") { orders in
            let first = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "WS-9"), idempotencyKey: "k-1")
            let again = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "WS-9"), idempotencyKey: "k-2")
            #expect(first.status == 202)
            #expect(again.status == 200)
            #expect(try again.json()["orderID"] == first.json()["orderID"])
            #expect(again.header("Location") == first.header("Location"))
            #expect(try await orders.schema.pool.query("SELECT count(*) FROM orders").first?.decode(Int.self, at: 0) == 1)
        }
    }

    @Test func theSecondKeyOfADuplicateReferenceKeepsTheExistingOrdersAnswer() async throws {
        try await OrdersServiceHarness.with("orders_duplicate_reference_replay") { orders in
            let first = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "WS-9"), idempotencyKey: "k-1")
            let again = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "WS-9"), idempotencyKey: "k-2")
            // Intake's one-statement path claims the key before it finds the order exists; that claim must not be
            // what the key answers later (a 202 for an order that was never stored).
            let replay = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "WS-9"), idempotencyKey: "k-2")
            #expect(again.status == 200)
            #expect(replay.status == 200)
            #expect(replay.body == again.body)
            #expect(replay.header("Idempotent-Replayed") == "true")
            #expect(try replay.json()["orderID"] == first.json()["orderID"])
            #expect(try await orders.schema.pool.query("SELECT count(*) FROM outbox").first?.decode(Int.self, at: 0) == 1)
            #expect(try await orders.schema.pool.query("SELECT count(*) FROM order_timeline").first?.decode(Int.self, at: 0) == 1)
        }
    }

    @Test func concurrentRequestsWithOneKeyCreateOneOrder() async throws {
        try await OrdersServiceHarness.with("orders_concurrent_key") { orders in
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let response = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(), idempotencyKey: "same-key")
                        return (response.status, try response.json()["orderID"]?.stringValue)
                    }
                }
                return try await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0.0 == 202 })
            #expect(Set(statuses.map(\.1)).count == 1)
            #expect(try await orders.schema.pool.query("SELECT count(*) FROM orders").first?.decode(Int.self, at: 0) == 1)
        }
    }

    @Test func validationErrorsNameEveryInvalidFieldAndStoreNothing() async throws {
        try await OrdersServiceHarness.with("orders_validation") { orders in
            let body = """
                {"channelOrderReference": "WS-1", "customer": "C 1", "currency": "EURO",
                 "shipTo": {"lines": ["Hafenstraße 12"], "country": "de"},
                 "lines": [{"sku": "BOLT", "quantity": 0}, {"sku": "NUT", "quantity": 2, "unitPrice": 1.5}], "colour": "red"}
                """
            let response = try await orders.post("/v1/orders", json: body, idempotencyKey: "k-1")
            #expect(response.status == 422)
            let pointers = Set(try response.problem().errors.map(\.pointer))
            #expect(pointers == ["/customer", "/currency", "/shipTo/city", "/shipTo/country", "/lines/0/quantity", "/lines/1/unitPrice", "/colour"])
            #expect(try await orders.schema.pool.query("SELECT count(*) FROM orders").first?.decode(Int.self, at: 0) == 0)
            #expect(try await orders.schema.pool.query("SELECT count(*) FROM idempotency_keys").first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func anOrderWithoutAnIdempotencyKeyIs400() async throws {
        try await OrdersServiceHarness.with("orders_no_key") { orders in
            let response = try await orders.post("/v1/orders", json: OrdersServiceHarness.order())
            #expect(response.status == 400)
            #expect(try response.problem().type == "urn:wholesail:problem:idempotency-key-required")
        }
    }

    @Test func bodyThatIsNotJSONIs400() async throws {
        try await OrdersServiceHarness.with("orders_not_json") { orders in
            let response = try await orders.post("/v1/orders", json: "{\"lines\": [", idempotencyKey: "k-1")
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
        }
    }

    @Test func theOrdersOfAChannelArePagedOldestFirstWithACursor() async throws {
        try await OrdersServiceHarness.with("orders_paging") { orders in
            var ids: [String] = []
            for number in 1...5 {
                let response = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "P-\(number)"), idempotencyKey: "k-\(number)")
                ids.append(try #require(try response.json()["orderID"]?.stringValue))
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await orders.get("/v1/orders?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(page.status == 200)
                let json = try page.json()
                let pageIDs = json["orders"]?.arrayValue?.compactMap { $0["orderID"]?.stringValue } ?? []
                #expect(pageIDs.count <= 2)
                seen += pageIDs
                cursor = json["nextCursor"]?.stringValue
            } while cursor != nil && seen.count < 10
            #expect(seen == ids)
            #expect(try await orders.get("/v1/orders?status=received&since=2020-01-01").json()["orders"]?.arrayValue?.count == 5)
            #expect(try await orders.get("/v1/orders?status=confirmed").json()["orders"]?.arrayValue?.count == 0)
            let bad = try await orders.get("/v1/orders?status=lost&limit=0")
            #expect(bad.status == 422)
            #expect(Set(try bad.problem().errors.map(\.pointer)) == ["?status", "?limit"])
        }
    }
}
