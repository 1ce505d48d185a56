import Contracts
import Foundation
import Logging
import Metrics
import Outbox
import Persistence

/// Prices an order from `orders.order.received.v1`: every line for the order's customer, at the instant the
/// order was received, from one price version; publishes `pricing.order.priced.v1` or, when any line has no
/// price, `pricing.order.rejected.v1` with a reason per line.
///
/// Runs inside the consumer's transaction, so the record, the event and the inbox row commit together:
/// a redelivered message prices the order once. Before pricing it makes sure the snapshot is the database's
/// current version (an import on another instance may not have reached this one yet).
public struct OrderPricer: Sendable {
    public let store: PriceStore
    public let book: PriceBook
    public let tolerancePercent: Decimal
    private let priced: Counter
    private let rejected: Counter
    private let mismatches: Counter

    public init(store: PriceStore, book: PriceBook, tolerancePercent: Decimal, metricsFactory: any MetricsFactory) {
        self.store = store
        self.book = book
        self.tolerancePercent = tolerancePercent
        priced = Counter(label: "pricing_orders_priced_total", factory: metricsFactory)
        rejected = Counter(label: "pricing_orders_rejected_total", factory: metricsFactory)
        mismatches = Counter(label: "pricing_channel_price_mismatches_total", factory: metricsFactory)
    }

    /// Registers the handler.
    public func register(on handlers: inout EventHandlers) {
        handlers.on(OrderReceived.self, handler: "price-order") { envelope, context in
            try await price(envelope, context: context)
        }
    }

    func price(_ envelope: EventEnvelope<OrderReceived>, context: EventHandlerContext) async throws {
        let order = envelope.payload
        let snapshot = try await currentSnapshot(in: context.transaction)
        let outcome = Self.price(order, calculator: snapshot.calculator, version: snapshot.version, tolerancePercent: tolerancePercent)

        let eventJSON: String
        let outcomeName: String
        let total: Int64?
        let mismatched: Int
        switch outcome {
        case .priced(let event):
            eventJSON = String(decoding: try StableJSON.encode(event), as: UTF8.self)
            outcomeName = "priced"
            total = event.total.minorUnits
            mismatched = event.mismatchedLines
        case .rejected(let event):
            eventJSON = String(decoding: try StableJSON.encode(event), as: UTF8.self)
            outcomeName = "rejected"
            total = nil
            mismatched = 0
        }
        // The order id is the key: if another message about the same order was already priced, publish nothing twice.
        let inserted = try await context.transaction.execute(
            """
            INSERT INTO priced_orders (order_id, customer, currency, price_version, outcome, total_minor, mismatched_lines, event)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT (order_id) DO NOTHING
            """,
            order.orderID, order.customer, order.currency.code, snapshot.version, outcomeName, total, mismatched, eventJSON
        )
        guard inserted == 1 else {
            // The same order under a new message id is the orders service asking again (its step deadline passed,
            // e.g. because finance never saw the first answer): answer with the first decision, never a new price.
            try await republishFirstDecision(orderID: order.orderID, cause: envelope, context: context)
            return
        }
        switch outcome {
        case .priced(let event):
            try await context.outbox.append(EventEnvelope(payload: event, causedBy: envelope), in: context.transaction)
            priced.increment()
            if event.mismatchedLines > 0 {
                mismatches.increment(by: event.mismatchedLines)
                context.logger.warning("channel prices differ from Wholesail's beyond the tolerance", metadata: [
                    "order_id": "\(order.orderID)", "channel": "\(order.channel)", "lines": "\(event.mismatchedLines)",
                ])
            }
        case .rejected(let event):
            try await context.outbox.append(EventEnvelope(payload: event, causedBy: envelope), in: context.transaction)
            rejected.increment()
        }
    }

    /// Publishes the stored decision about `orderID` again, under a new event id.
    func republishFirstDecision(orderID: String, cause: EventEnvelope<OrderReceived>, context: EventHandlerContext) async throws {
        guard let row = try await context.transaction.query(
            "SELECT outcome, event::text FROM priced_orders WHERE order_id = $1", orderID
        ).first else { return }
        let json = Data(try row.decode(String.self, at: 1).utf8)
        context.logger.notice("order priced before; publishing the first decision again", metadata: ["order_id": "\(orderID)"])
        if try row.decode(String.self, at: 0) == "priced" {
            try await context.outbox.append(EventEnvelope(payload: try StableJSON.decode(OrderPriced.self, from: json), causedBy: cause), in: context.transaction)
        } else {
            try await context.outbox.append(EventEnvelope(payload: try StableJSON.decode(OrderPricingRejected.self, from: json), causedBy: cause), in: context.transaction)
        }
    }

    /// The book's snapshot if it is the database's current version; otherwise the current version, loaded now
    /// (in this transaction) and installed.
    func currentSnapshot(in transaction: PostgresTransaction) async throws -> PriceSnapshot {
        let current = try await store.currentVersion(in: transaction)
        if let snapshot = book.snapshot, snapshot.version >= current { return snapshot }
        let snapshot = try await store.loadSnapshot(in: transaction)
        book.install(snapshot)
        return snapshot
    }

    /// What pricing an order comes to.
    public enum Outcome: Sendable, Hashable {
        case priced(OrderPriced)
        case rejected(OrderPricingRejected)
    }

    /// Prices `order` with `calculator` (pure: the handler's decision, testable without servers).
    public static func price(_ order: OrderReceived, calculator: PriceCalculator, version: Int64, tolerancePercent: Decimal) -> Outcome {
        var lines: [OrderPriced.Line] = []
        var reasons: [OrderPricingRejected.Reason] = []
        var total: Int64 = 0
        var totalOverflowed = false
        for line in order.lines {
            do throws(PricingError) {
                let pricedLine = try calculator.price(sku: line.sku, quantity: line.quantity, customer: order.customer, currency: order.currency, at: order.receivedAt)
                let mismatch = line.channelUnitPrice.flatMap { Self.mismatch(channel: $0, wholesail: pricedLine.unitPrice, tolerancePercent: tolerancePercent) }
                lines.append(OrderPriced.Line(
                    lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, unitPrice: pricedLine.unitPrice,
                    extendedAmount: pricedLine.extendedAmount, rule: pricedLine.rule, category: pricedLine.category,
                    priceMismatch: mismatch
                ))
                let (sum, overflow) = total.addingReportingOverflow(pricedLine.extendedAmount.minorUnits)
                total = sum
                totalOverflowed = totalOverflowed || overflow
            } catch {
                reasons.append(OrderPricingRejected.Reason(code: error.code, lineNumber: line.lineNumber, sku: line.sku, detail: error.description))
            }
        }
        if order.lines.isEmpty {
            reasons.append(OrderPricingRejected.Reason(code: "no-lines", detail: "the order has no lines"))
        }
        if totalOverflowed {
            reasons.append(OrderPricingRejected.Reason(code: PricingError.amountTooLarge.code, detail: PricingError.amountTooLarge.description))
        }
        guard reasons.isEmpty else {
            return .rejected(OrderPricingRejected(orderID: order.orderID, customer: order.customer, currency: order.currency, priceVersion: version, reasons: reasons))
        }
        return .priced(OrderPriced(
            orderID: order.orderID, customer: order.customer, currency: order.currency, priceVersion: version,
            pricedAt: order.receivedAt, lines: lines, total: Money(minorUnits: total, currency: order.currency),
            mismatchedLines: lines.count { $0.priceMismatch != nil }
        ))
    }

    /// The mismatch when `channel` differs from `wholesail` by more than `tolerancePercent` of `wholesail`
    /// (a channel price in another currency always counts as a mismatch, with no difference to compute).
    static func mismatch(channel: Money, wholesail: Money, tolerancePercent: Decimal) -> OrderPriced.PriceMismatch? {
        let tolerance = "\(tolerancePercent)"
        guard channel.currency == wholesail.currency else {
            return OrderPriced.PriceMismatch(channelUnitPrice: channel, difference: Money.zero(wholesail.currency), tolerancePercent: tolerance)
        }
        let (difference, overflow) = channel.minorUnits.subtractingReportingOverflow(wholesail.minorUnits)
        let allowed = Decimal(wholesail.minorUnits.magnitude) * tolerancePercent / 100
        guard overflow || Decimal(difference.magnitude) > allowed else { return nil }
        return OrderPriced.PriceMismatch(
            channelUnitPrice: channel, difference: Money(minorUnits: overflow ? Int64.max : difference, currency: wholesail.currency),
            tolerancePercent: tolerance
        )
    }
}
