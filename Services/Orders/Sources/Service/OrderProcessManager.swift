import Contracts
import Foundation
import Logging
import Metrics
import Outbox
import Persistence

/// The order process manager (ARCHITECTURE.md §5): collects the answers of pricing, inventory and finance, confirms
/// the order when all three approve and rejects it on the first rejection.
///
/// Every answer is handled in one transaction with the order row locked, so answers about one order apply one after
/// another whatever order they arrive in; a step's first answer counts and a repeat changes nothing. The decision
/// itself is ``OrderProcess/decide(status:steps:answered:approved:)``.
public struct OrderProcessManager: Sendable {
    public let store: OrdersStore
    public let configuration: OrdersConfiguration
    /// Signalled when an order is confirmed, so the ERP poster starts at once.
    public let confirmations: WakeSignal
    private let confirmedOrders: Counter
    private let rejectedOrders: Counter
    /// The 855 of orders that came by EDI.
    let ediDocuments = EDIDocumentGenerator()

    public init(store: OrdersStore, configuration: OrdersConfiguration, confirmations: WakeSignal, metricsFactory: any MetricsFactory) {
        self.store = store
        self.configuration = configuration
        self.confirmations = confirmations
        confirmedOrders = Counter(label: "orders_confirmed_total", factory: metricsFactory)
        rejectedOrders = Counter(label: "orders_rejected_total", factory: metricsFactory)
    }

    public func register(on handlers: inout EventHandlers) {
        handlers.on(OrderPriced.self, handler: "collect-pricing") { envelope, context in
            let priced = envelope.payload
            try await answer(.pricing, orderID: priced.orderID, approved: true, payload: priced, reasonCode: nil, reasonDetail: nil,
                             timeline: ("priced", "total \(priced.total), price version \(priced.priceVersion)"), envelope: envelope, context: context)
        }
        handlers.on(OrderPricingRejected.self, handler: "collect-pricing-rejection") { envelope, context in
            let rejected = envelope.payload
            let detail = rejected.reasons.map { reason in
                [reason.lineNumber.map { "line \($0)" }, reason.sku, reason.detail].compactMap { $0 }.joined(separator: " ")
            }.joined(separator: "; ")
            try await answer(.pricing, orderID: rejected.orderID, approved: false, payload: rejected,
                             reasonCode: rejected.reasons.first?.code ?? "pricing-rejected", reasonDetail: detail,
                             timeline: ("pricing_rejected", detail), envelope: envelope, context: context)
        }
        handlers.on(ReservationConfirmed.self, handler: "collect-reservation") { envelope, context in
            let reserved = envelope.payload
            let detail = reserved.allocations.map { "\($0.quantity) \($0.sku) from \($0.warehouse)" }.joined(separator: ", ")
            try await answer(.inventory, orderID: reserved.orderID, approved: true, payload: reserved, reasonCode: nil, reasonDetail: nil,
                             timeline: ("reserved", detail), envelope: envelope, context: context)
        }
        handlers.on(ReservationFailed.self, handler: "collect-reservation-failure") { envelope, context in
            let failed = envelope.payload
            let detail = failed.shortages.map { "\($0.sku): \($0.requested) requested, \($0.available) available" }.joined(separator: "; ")
            try await answer(.inventory, orderID: failed.orderID, approved: false, payload: failed, reasonCode: failed.reason,
                             reasonDetail: detail.isEmpty ? failed.reason : detail,
                             timeline: ("reservation_failed", detail), envelope: envelope, context: context)
        }
        handlers.on(CreditApproved.self, handler: "collect-credit") { envelope, context in
            let approved = envelope.payload
            try await answer(.credit, orderID: approved.orderID, approved: true, payload: approved, reasonCode: nil, reasonDetail: nil,
                             timeline: ("credit_approved", "\(approved.amount) held"), envelope: envelope, context: context)
        }
        handlers.on(CreditRejected.self, handler: "collect-credit-rejection") { envelope, context in
            let rejected = envelope.payload
            try await answer(.credit, orderID: rejected.orderID, approved: false, payload: rejected, reasonCode: rejected.reason,
                             reasonDetail: rejected.detail, timeline: ("credit_rejected", rejected.detail), envelope: envelope, context: context)
        }
    }

    func answer<Payload: EventPayload>(
        _ step: OrderStep, orderID: String, approved: Bool, payload: Payload, reasonCode: String?, reasonDetail: String?,
        timeline: (state: String, detail: String), envelope: EventEnvelope<Payload>, context: EventHandlerContext
    ) async throws {
        let transaction = context.transaction
        guard let order = try await store.lock(orderID: orderID, in: transaction) else {
            throw EventRejection("\(envelope.type) is about order \(orderID), which this orders service never received; check the producer's order id")
        }
        let result = String(decoding: try StableJSON.encode(payload), as: UTF8.self)
        let (first, steps) = try await store.record(
            OrdersStore.StepAnswer(
                step: step, approved: approved, result: result, reasonCode: reasonCode, reasonDetail: reasonDetail,
                eventID: envelope.id.description, at: envelope.occurredAt, timelineState: timeline.state, timelineDetail: timeline.detail,
                // Finance is asked by pricing's answer: its clock starts now.
                restartStep: step == .pricing && approved ? .credit : nil, restartTimeout: configuration.stepTimeout
            ),
            orderID: orderID, in: transaction
        )
        if !first, !order.status.isClosed {
            context.logger.debug("step answered already; keeping the first answer", metadata: ["order_id": "\(orderID)", "step": "\(step.rawValue)"])
            return
        }
        switch OrderProcess.decide(status: order.status, steps: steps.mapValues(\.state), answered: step, approved: approved) {
        case .wait, .nothing:
            return
        case .confirm:
            try await confirm(order, steps: steps, cause: envelope, in: context)
        case .reject(let reasons):
            try await store.setStatus(.rejected, orderID: orderID, in: transaction)
            try await store.clearDeadlines(orderID: orderID, in: transaction)
            try await store.appendTimeline(orderID: orderID, state: "rejected", eventID: envelope.id.description,
                                           detail: reasons.map { "\($0.step): \($0.detail)" }.joined(separator: "; "), in: transaction)
            try await context.outbox.append(EventEnvelope(payload: OrderRejected(orderID: orderID, reasons: reasons), causedBy: envelope), in: transaction)
            try await ediDocuments.orderRejected(orderID: orderID, shortages: Self.shortages(steps), in: transaction)
            rejectedOrders.increment()
        case .compensateAgain:
            // The hold was taken after the order closed (e.g. the reservation arrived after a pricing rejection):
            // say again that the order is closed, so it is released.
            context.logger.notice("late approval for a closed order; publishing its compensation again", metadata: [
                "order_id": "\(orderID)", "step": "\(step.rawValue)", "status": "\(order.status.rawValue)",
            ])
            if order.status == .cancelled {
                try await context.outbox.append(EventEnvelope(payload: OrderCancelled(orderID: orderID, reason: "order was cancelled before this hold was taken"), causedBy: envelope), in: transaction)
            } else {
                let reasons = OrderStep.allCases.compactMap { step -> OrderRejected.Reason? in
                    guard case .rejected(let code, let detail) = steps[step]?.state else { return nil }
                    return OrderRejected.Reason(step: step.rawValue, code: code, detail: detail)
                }
                let stated = reasons.isEmpty ? [OrderRejected.Reason(step: "order", code: "closed", detail: "the order was closed before this hold was taken")] : reasons
                try await context.outbox.append(EventEnvelope(payload: OrderRejected(orderID: orderID, reasons: stated), causedBy: envelope), in: transaction)
            }
        }
    }

    /// All three approved: publish `orders.order.confirmed.v1` with the priced lines and allocations, and queue the
    /// order for the ERP in confirmation order.
    private func confirm(_ order: OrderRecord, steps: [OrderStep: StoredStep], cause: some EventCause, in context: EventHandlerContext) async throws {
        let transaction = context.transaction
        guard let pricedJSON = steps[.pricing]?.result, let reservedJSON = steps[.inventory]?.result else {
            throw OrdersStoreError.corrupt("approved step without its result for order \(order.id)")
        }
        let priced = try StableJSON.decode(OrderPriced.self, from: Data(pricedJSON.utf8))
        let reserved = try StableJSON.decode(ReservationConfirmed.self, from: Data(reservedJSON.utf8))
        let document = order.document
        let confirmedAt = StableJSON.roundedToMilliseconds(Date())
        let confirmed = OrderConfirmed(
            orderID: order.id, channel: document.channel, channelOrderReference: document.channelOrderReference,
            customer: document.customer, currency: priced.currency, shipTo: document.shipTo, requestedDate: document.requestedDate,
            priceVersion: priced.priceVersion,
            lines: priced.lines.map { line in
                OrderConfirmed.Line(lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice,
                                    extendedAmount: line.extendedAmount, category: line.category)
            },
            total: priced.total, reservationID: reserved.reservationID,
            allocations: reserved.allocations.map { OrderConfirmed.Allocation(warehouse: $0.warehouse, sku: $0.sku, quantity: $0.quantity) },
            confirmedAt: confirmedAt
        )
        try await store.setStatus(.confirmed, orderID: order.id, in: transaction)
        try await store.clearDeadlines(orderID: order.id, in: transaction)
        try await store.appendTimeline(orderID: order.id, state: "confirmed", at: confirmedAt, eventID: cause.id.description,
                                       detail: "total \(priced.total)", in: transaction)
        // The shared lock before the sequence number lets the ERP poster's barrier wait for this confirmation to end
        // (``ERPPoster/postingBoundary()``); confirmations do not wait for one another (orders_0006).
        _ = try await transaction.execute(ERPPoster.confirmationLock)
        _ = try await transaction.execute(
            "INSERT INTO erp_postings (order_id, status, document, confirmed_at) VALUES ($1, 'pending', $2::jsonb, $3)",
            order.id, String(decoding: try StableJSON.encode(confirmed), as: UTF8.self), confirmedAt
        )
        try await context.outbox.append(EventEnvelope(payload: confirmed, causedBy: cause), in: transaction)
        try await ediDocuments.orderConfirmed(confirmed, in: transaction)
        confirmedOrders.increment()
        confirmations.signal()
    }

    /// SKU → units available, from inventory's refusal, when stock is why the order was rejected.
    static func shortages(_ steps: [OrderStep: StoredStep]) -> [String: Int] {
        guard case .rejected = steps[.inventory]?.state, let result = steps[.inventory]?.result,
              let failed = try? StableJSON.decode(ReservationFailed.self, from: Data(result.utf8)) else { return [:] }
        return Dictionary(failed.shortages.map { ($0.sku, $0.available) }, uniquingKeysWith: { first, _ in first })
    }
}
