import Contracts
import Foundation
import Orders
import ServiceKit
import Testing
import WholesailTestSupport

/// Channel API keys and limits: a key acts for its own channel only; no key, a bad key or a revoked key is 401;
/// an oversize body 413; a flood 429 with Retry-After.
@Suite("Channel access")
struct ChannelAccessTests {
    @Test func aMissingOrUnknownKeyIs401() async throws {
        try await OrdersServiceHarness.with("orders_no_auth") { orders in
            let missing = try await orders.service.client.post("/v1/orders", json: OrdersServiceHarness.order(), headers: ["Idempotency-Key": "k"])
            #expect(missing.status == 401)
            #expect(missing.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(try missing.problem().type == "urn:wholesail:problem:missing-api-key")
            let unknown = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(), key: "wsk_0000000000000000_bad", idempotencyKey: "k")
            #expect(unknown.status == 401)
            #expect(try unknown.problem().type == "urn:wholesail:problem:invalid-api-key")
            #expect(try await orders.schema.pool.query("SELECT count(*) FROM orders").first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func aRevokedKeyIs401() async throws {
        try await OrdersServiceHarness.with("orders_revoked", adjust: { $0.apiKeyCacheTTL = .zero }) { orders in
            let keys = APIKeys(pool: orders.schema.pool)
            let (record, key) = try await keys.create(channel: "shop")
            #expect(try await orders.get("/v1/orders", key: key).status == 200)
            #expect(try await keys.revoke(id: record.id))
            #expect(try await orders.get("/v1/orders", key: key).status == 401)
            #expect(try await keys.revoke(id: record.id) == false)
        }
    }

    @Test func onlyTheKeysHashIsStored() async throws {
        try await OrdersServiceHarness.with("orders_key_hash") { orders in
            let stored = try await orders.schema.pool.query("SELECT id, key_hash FROM api_keys").map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
            #expect(stored.count == 1)
            #expect(orders.key.hasPrefix("wsk_\(stored[0].0)_"))
            #expect(stored[0].1 == SHA256.hexDigest(Array(orders.key.utf8)))
            #expect(!stored[0].1.contains(orders.key.suffix(64)))
        }
    }

    @Test func anotherChannelsKeyCannotReadListCancelOrReturnAnOrder() async throws {
        try await OrdersServiceHarness.with("orders_other_channel") { orders in
            let other = try await APIKeys(pool: orders.schema.pool).create(channel: "marketplace").key
            let placed = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(), idempotencyKey: "k-1")
            let orderID = try #require(try placed.json()["orderID"]?.stringValue)

            #expect(try await orders.get("/v1/orders/\(orderID)", key: other).status == 404)
            #expect(try await orders.post("/v1/orders/\(orderID)/cancel", json: "{}", key: other).status == 404)
            #expect(try await orders.post("/v1/orders/\(orderID)/returns", json: #"{"lines": [{"lineNumber": 1, "quantity": 1}], "reason": "x"}"#, key: other).status == 404)
            #expect(try await orders.get("/v1/orders", key: other).json()["orders"]?.arrayValue?.isEmpty == true)
            #expect(try await orders.get("/v1/orders?channel=shop", key: other).status == 403)
            // The body may not name another channel either.
            let named = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(reference: "M-1").replacingOccurrences(of: "{\"channelOrderReference\"", with: "{\"channel\": \"shop\", \"channelOrderReference\""), key: other, idempotencyKey: "k-2")
            #expect(named.status == 403)
            #expect(try await orders.status(orderID) == "received")
        }
    }

    @Test func anOversizeBodyIs413() async throws {
        try await OrdersServiceHarness.with("orders_oversize", extraEnvironment: ["WHOLESAIL_HTTP_MAX_BODY_SIZE": "4096"]) { orders in
            let lines = "[" + (1...200).map { #"{"sku": "SKU-\#($0)", "quantity": 1}"# }.joined(separator: ",") + "]"
            let response = try await orders.post("/v1/orders", json: OrdersServiceHarness.order(lines: lines), idempotencyKey: "k-1")
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(try await orders.schema.pool.query("SELECT count(*) FROM orders").first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func aFloodFromOneKeyIs429WithRetryAfterWhileOtherKeysAreServed() async throws {
        try await OrdersServiceHarness.with("orders_flood", adjust: { $0.rateLimitPerSecond = 1; $0.rateBurst = 3 }) { orders in
            // Twenty at once against a bucket of three that refills one per second: most are refused.
            let responses = try await withThrowingTaskGroup(of: HTTPTestResponse.self) { group in
                for _ in 0..<20 { group.addTask { try await orders.get("/v1/orders") } }
                return try await group.reduce(into: [HTTPTestResponse]()) { $0.append($1) }
            }
            let allowed = responses.filter { $0.status == 200 }.count
            let limited = responses.filter { $0.status == 429 }
            #expect(allowed >= 3)
            #expect(allowed + limited.count == 20)
            #expect(!limited.isEmpty)
            let seconds = try #require(limited.first?.header("Retry-After").flatMap { Int($0) })
            #expect((1...2).contains(seconds))
            #expect(try limited.first?.problem().type == "urn:wholesail:problem:rate-limited")
            let other = try await APIKeys(pool: orders.schema.pool).create(channel: "shop").key
            #expect(try await orders.get("/v1/orders", key: other).status == 200)
        }
    }
}
