import Contracts
import ERPSimulatorKit
import Finance
import Foundation
import Logging
import ServiceKit
import Testing
import WholesailTestSupport

/// The finance service under ``ServiceHarness`` (observing every `finance.*` event), posting to an in-process ERP
/// simulator. The test plays pricing, orders and shipments by publishing their events, and the ERP and the payment
/// gateway over HTTP.
struct FinanceServiceHarness: Sendable {
    let service: ServiceHarness
    let schema: PostgresTestSchema
    let erp: RunningERPSimulator

    static func with<Value: Sendable>(
        _ label: String,
        adjust: @Sendable (inout FinanceConfiguration) -> Void = { _ in },
        ledger: (@Sendable (URL) -> any ERPLedger)? = nil,
        _ body: @Sendable (FinanceServiceHarness) async throws -> Value
    ) async throws -> Value {
        let erp = try await ERPSimulator.start()
        do {
            var finance = FinanceConfiguration()
            finance.erpURL = erp.baseURL
            finance.settlementScheduled = false
            finance.postingRetryInitial = .milliseconds(50)
            finance.postingRetryMaximum = .milliseconds(200)
            adjust(&finance)
            let settings = finance
            let value = try await ServiceHarness.with(label, observing: "finance.#", make: { configuration in
                try FinanceService.make(configuration: configuration, finance: settings, ledger: ledger?(erp.baseURL),
                                        logger: Logger(label: configuration.service))
            }) { service, schema in
                try await body(FinanceServiceHarness(service: service, schema: schema, erp: erp))
            }
            try await erp.shutdown()
            return value
        } catch {
            try? await erp.shutdown()
            throw error
        }
    }

    // MARK: Set-up over HTTP

    /// Imports a customer account; `limit` in the currency's minor units.
    func customer(_ id: String, limit: Int64, currency: Currency = .EUR, terms: Int = 30, hold: Bool = false) async throws {
        let amount = Money(minorUnits: limit, currency: currency).amountString
        let response = try await service.client.put("/v1/customers/\(id)", json: """
            {"creditLimit": {"amount": "\(amount)", "currency": "\(currency.code)"}, "paymentTermsDays": \(terms), "creditHold": \(hold)}
            """)
        #expect([200, 201].contains(response.status), "\(response.text)")
    }

    func taxRate(_ region: String, _ taxClass: String = "standard", percent: String) async throws {
        let response = try await service.client.put("/v1/tax-rates/\(region)/\(taxClass)", json: #"{"ratePercent": "\#(percent)"}"#)
        #expect(response.status == 200, "\(response.text)")
    }

    // MARK: Other services' events

    static let shipTo = PostalAddress(company: "Nordlicht Handel GmbH", lines: ["Hafenstraße 12"], city: "Hamburg", postalCode: "20457", country: "DE")

    func priced(_ orderID: String, customer: String, total: Int64, currency: Currency = .EUR) async throws {
        let money = Money(minorUnits: total, currency: currency)
        let line = OrderPriced.Line(lineNumber: 1, sku: "BOLT", quantity: 1, unitPrice: money, extendedAmount: money,
                                    rule: PriceRule(kind: .list, id: "list"))
        try await service.publish(try EventEnvelope(
            payload: OrderPriced(orderID: orderID, customer: customer, currency: currency, priceVersion: 1, pricedAt: Date(), lines: [line],
                                 total: money, mismatchedLines: 0),
            correlationID: orderID
        ))
    }

    /// A confirmed order; `lines` as (line number, SKU, quantity, unit price in minor units).
    func confirmed(_ orderID: String, customer: String, lines: [(Int, String, Int, Int64)], currency: Currency = .EUR,
                   shipTo: PostalAddress = Self.shipTo) async throws {
        let orderLines = lines.map { line in
            OrderConfirmed.Line(lineNumber: line.0, sku: line.1, quantity: line.2, unitPrice: Money(minorUnits: line.3, currency: currency),
                                extendedAmount: Money(minorUnits: line.3 * Int64(line.2), currency: currency))
        }
        let total = Money(minorUnits: orderLines.reduce(0) { $0 + $1.extendedAmount.minorUnits }, currency: currency)
        try await service.publish(try EventEnvelope(
            payload: OrderConfirmed(
                orderID: orderID, channel: "shop", channelOrderReference: "WS-\(orderID)", customer: customer, currency: currency, shipTo: shipTo,
                priceVersion: 1, lines: orderLines, total: total, reservationID: "res-\(orderID)",
                allocations: lines.map { OrderConfirmed.Allocation(warehouse: "HAM", sku: $0.1, quantity: $0.2) }, confirmedAt: Date()
            ),
            correlationID: orderID
        ))
    }

    /// Waits until finance keeps the confirmed order.
    func waitForOrder(_ orderID: String) async throws {
        let known = try await eventually(timeout: .seconds(20)) {
            try await !schema.pool.query("SELECT 1 FROM \(schema.quotedName).orders WHERE order_id = $1", orderID).isEmpty
        }
        try #require(known, "finance never kept order \(orderID)")
    }

    /// A dispatch; `lines` as (line number, SKU, quantity).
    func dispatched(_ orderID: String, dispatchID: String, lines: [(Int, String, Int)]) async throws {
        try await service.publish(try EventEnvelope(
            payload: ShipmentDispatched(shipmentID: "shp-\(orderID)", dispatchID: dispatchID, orderID: orderID, warehouse: "HAM",
                                        lines: lines.map { ShipmentDispatched.Line(lineNumber: $0.0, sku: $0.1, quantity: $0.2) }, dispatchedAt: Date()),
            correlationID: orderID
        ))
    }

    func invoices(expecting count: Int) async throws -> [InvoicePosted] {
        try await service.collect(InvoicePosted.self, expecting: count).map(\.payload)
    }
}
