import Contracts
import ERPSimulatorKit
import Foundation
import Messaging
import Orders
import ServiceKit
import Testing
import WholesailTestSupport

/// The orders service under ``ServiceHarness`` (observing every `orders.*` event), with its own ERP simulator and
/// an API key for channel `shop`. The test plays pricing, inventory, finance and shipments by publishing their events.
struct OrdersServiceHarness: Sendable {
    let service: ServiceHarness
    let schema: PostgresTestSchema
    let erp: RunningERPSimulator
    /// An active key of channel `shop`.
    let key: String

    /// Settings for tests: quick ERP retries and breaker, steps that wait a minute unless a test shortens them.
    static func configuration(erp: URL) -> OrdersConfiguration {
        var configuration = OrdersConfiguration()
        configuration.erpURL = erp
        configuration.stepTimeout = .seconds(60)
        configuration.deadlineSweepInterval = .milliseconds(100)
        configuration.erpTimeout = .seconds(5)
        configuration.erpRetryInitial = .milliseconds(50)
        configuration.erpRetryMaximum = .milliseconds(300)
        configuration.erpBreakerFailures = 3
        configuration.erpBreakerOpen = .milliseconds(300)
        configuration.erpPollInterval = .milliseconds(100)
        configuration.rateLimitPerSecond = 10_000
        configuration.rateBurst = 10_000
        return configuration
    }

    static func with<Value: Sendable>(
        _ label: String,
        extraEnvironment: [String: String] = [:],
        adjust: @Sendable (inout OrdersConfiguration) -> Void = { _ in },
        connector: (@Sendable (URL) -> any ERPConnector)? = nil,
        _ body: @Sendable (OrdersServiceHarness) async throws -> Value
    ) async throws -> Value {
        let erp = try await ERPSimulator.start(logger: testLogger("\(label)-erp"))
        do {
            var orders = configuration(erp: erp.baseURL)
            adjust(&orders)
            let settings = orders
            let value = try await ServiceHarness.with(label, observing: "orders.#", extraEnvironment: extraEnvironment, make: { configuration in
                try OrdersService.make(configuration: configuration, orders: settings, connector: connector?(erp.baseURL), logger: testLogger(configuration.service))
            }) { service, schema in
                let key = try await APIKeys(pool: schema.pool).create(channel: "shop", label: "tests").key
                return try await body(OrdersServiceHarness(service: service, schema: schema, erp: erp, key: key))
            }
            try? await erp.shutdown()
            return value
        } catch {
            try? await erp.shutdown()
            throw error
        }
    }

    // MARK: Channel requests

    static func order(reference: String = "WS-1", lines: String = #"[{"sku": "BOLT", "quantity": 10, "unitPrice": "1.00"}, {"sku": "NUT", "quantity": 5}]"#) -> String {
        """
        {"channelOrderReference": "\(reference)", "customer": "C-1", "currency": "EUR",
         "shipTo": {"company": "Nordlicht Handel GmbH", "lines": ["Hafenstraße 12"], "city": "Hamburg", "postalCode": "20457", "country": "DE"},
         "lines": \(lines), "requestedDate": "2026-12-03"}
        """
    }

    func post(_ path: String, json: String, key: String? = nil, idempotencyKey: String? = nil) async throws -> HTTPTestResponse {
        var headers = ["Authorization": "Bearer \(key ?? self.key)"]
        if let idempotencyKey { headers["Idempotency-Key"] = idempotencyKey }
        return try await service.client.post(path, json: json, headers: headers)
    }

    func get(_ path: String, key: String? = nil) async throws -> HTTPTestResponse {
        try await service.client.get(path, headers: ["Authorization": "Bearer \(key ?? self.key)"])
    }

    /// Places an order (202 expected) and returns its id and `orders.order.received.v1`.
    func placeOrder(reference: String = "WS-1", lines: String? = nil) async throws -> EventEnvelope<OrderReceived> {
        let response = try await post("/v1/orders", json: lines.map { Self.order(reference: reference, lines: $0) } ?? Self.order(reference: reference), idempotencyKey: "key-\(reference)")
        guard response.status == 202 else { throw TestFailure("order \(reference): \(response.status) \(response.text)") }
        let orderID = try #require(try response.json()["orderID"]?.stringValue)
        let received = try await service.collect(OrderReceived.self, expecting: 1, timeout: .seconds(60))
        return try #require(received.first { $0.payload.orderID == orderID })
    }

    /// The order document (`GET /v1/orders/{id}`).
    func document(_ orderID: String) async throws -> JSONValue {
        let response = try await get("/v1/orders/\(orderID)")
        guard response.status == 200 else { throw TestFailure("GET order \(orderID): \(response.status) \(response.text)") }
        return try response.json()
    }

    func status(_ orderID: String) async throws -> String? {
        try await document(orderID)["status"]?.stringValue
    }

    func timelineStates(_ orderID: String) async throws -> [String] {
        try await document(orderID)["timeline"]?.arrayValue?.compactMap { $0["state"]?.stringValue } ?? []
    }

    /// The reason of the first message parked in the service's dead-letter queue (acknowledged), waiting up to a minute.
    func firstDeadLetterReason() async throws -> String? {
        try await firstDeadLetter()?.reason
    }

    /// The first message parked in the service's dead-letter queue (acknowledged) with its reason, waiting up to a minute.
    func firstDeadLetter() async throws -> (reason: String, body: [UInt8])? {
        var parked: [(reason: String, body: [UInt8])] = []
        _ = try await eventually(timeout: .seconds(60)) {
            if let message = try await service.broker.get(queue: "\(service.setup.name).dlq") {
                message.ack()
                parked.append((message.properties.headers[MessageHeaders.reason]?.stringValue ?? "", message.body))
            }
            return !parked.isEmpty
        }
        return parked.first
    }

    // MARK: The other services' answers

    static func euros(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .EUR) }

    func priced(_ received: EventEnvelope<OrderReceived>) async throws {
        let order = received.payload
        let lines = order.lines.map { line in
            OrderPriced.Line(lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, unitPrice: Self.euros(100),
                             extendedAmount: Self.euros(100 * Int64(line.quantity)), rule: PriceRule(kind: .list, id: "EU"), category: "standard")
        }
        let total = Self.euros(lines.reduce(0) { $0 + $1.extendedAmount.minorUnits })
        try await service.publish(EventEnvelope(payload: OrderPriced(
            orderID: order.orderID, customer: order.customer, currency: order.currency, priceVersion: 7, pricedAt: order.receivedAt,
            lines: lines, total: total, mismatchedLines: 0
        ), causedBy: received))
    }

    func pricingRejected(_ received: EventEnvelope<OrderReceived>) async throws {
        let order = received.payload
        try await service.publish(EventEnvelope(payload: OrderPricingRejected(
            orderID: order.orderID, customer: order.customer, currency: order.currency, priceVersion: 7,
            reasons: [.init(code: "unknown-sku", lineNumber: 2, sku: order.lines[1].sku, detail: "no price for NUT")]
        ), causedBy: received))
    }

    func reserved(_ received: EventEnvelope<OrderReceived>) async throws {
        let order = received.payload
        try await service.publish(EventEnvelope(payload: ReservationConfirmed(
            orderID: order.orderID, reservationID: "res-\(order.orderID)",
            allocations: order.lines.map { .init(warehouse: "HAM", sku: $0.sku, quantity: $0.quantity) }, expiresAt: Date().addingTimeInterval(1800)
        ), causedBy: received))
    }

    func reservationFailed(_ received: EventEnvelope<OrderReceived>) async throws {
        let order = received.payload
        try await service.publish(EventEnvelope(payload: ReservationFailed(
            orderID: order.orderID, reason: "shortage", shortages: [.init(sku: order.lines[0].sku, requested: order.lines[0].quantity, available: 2)]
        ), causedBy: received))
    }

    func creditApproved(_ received: EventEnvelope<OrderReceived>) async throws {
        let order = received.payload
        try await service.publish(EventEnvelope(payload: CreditApproved(
            orderID: order.orderID, customer: order.customer, amount: Self.euros(100 * Int64(order.lines.reduce(0) { $0 + $1.quantity })), approvedAt: Date()
        ), causedBy: received))
    }

    func creditRejected(_ received: EventEnvelope<OrderReceived>) async throws {
        let order = received.payload
        try await service.publish(EventEnvelope(payload: CreditRejected(
            orderID: order.orderID, customer: order.customer, amount: Self.euros(1500), reason: "credit-limit-exceeded",
            detail: "open 9,000.00 + order 15.00 exceeds the limit 9,000.00 EUR", rejectedAt: Date()
        ), causedBy: received))
    }

    /// All three approvals; returns the `orders.order.confirmed.v1` that follows.
    func approveAll(_ received: EventEnvelope<OrderReceived>) async throws -> EventEnvelope<OrderConfirmed> {
        try await priced(received)
        try await reserved(received)
        try await creditApproved(received)
        let confirmed = try await service.collect(OrderConfirmed.self, expecting: 1, timeout: .seconds(60))
        return try #require(confirmed.first)
    }
}
