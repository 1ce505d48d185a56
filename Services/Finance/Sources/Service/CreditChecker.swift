import Contracts
import Foundation
import Metrics
import Outbox
import Persistence
import ServiceKit

/// Decides credit for priced orders and keeps the credit held for approved ones honest.
///
/// On `pricing.order.priced.v1`: approve when open receivables + credit held for other approved orders + this order
/// fit the customer's limit and the account is not on hold (``CreditPolicy``); the customer's row is locked for the
/// decision, so two orders of one customer never both take the last of the limit. The approved amount is held until
/// the order is invoiced, rejected (`orders.order.rejected.v1`) or cancelled (`orders.order.cancelled.v1`).
///
/// One decision per order: a repeated or re-priced order gets the first decision again, and holds once.
public struct CreditChecker: Sendable {
    public let store: FinanceStore
    private let approvals: Counter
    private let rejections: Counter

    public init(store: FinanceStore, metricsFactory: any MetricsFactory) {
        self.store = store
        approvals = Counter(label: "finance_credit_checks_total", dimensions: [("decision", "approved")], factory: metricsFactory)
        rejections = Counter(label: "finance_credit_checks_total", dimensions: [("decision", "rejected")], factory: metricsFactory)
    }

    public func register(on handlers: inout EventHandlers) {
        handlers.on(OrderPriced.self, handler: "check-credit") { envelope, context in
            try await check(envelope, context: context)
        }
        handlers.on(OrderRejected.self, handler: "release-credit-on-rejection") { envelope, context in
            let released = try await store.releaseCredit(orderID: envelope.payload.orderID, reason: "order rejected", in: context.transaction)
            context.logger.info("credit hold released", metadata: ["order_id": "\(envelope.payload.orderID)", "released_minor": "\(released)"])
        }
        handlers.on(OrderCancelled.self, handler: "release-credit-on-cancellation") { envelope, context in
            let released = try await store.releaseCredit(orderID: envelope.payload.orderID, reason: "order cancelled", in: context.transaction)
            context.logger.info("credit hold released", metadata: ["order_id": "\(envelope.payload.orderID)", "released_minor": "\(released)"])
        }
    }

    private func check(_ envelope: EventEnvelope<OrderPriced>, context: EventHandlerContext) async throws {
        let priced = envelope.payload
        let transaction = context.transaction
        let account = try await store.customer(id: priced.customer, lock: true, in: transaction)
        if let earlier = try await store.creditCheck(orderID: priced.orderID, in: transaction) {
            context.logger.info("credit already decided; answering the same again", metadata: ["order_id": "\(priced.orderID)"])
            try await announce(earlier, causedBy: envelope, in: transaction)
            return
        }
        let decision: CreditDecision
        if let account {
            let (exposure, _) = try await store.exposure(customer: account.id, currency: account.currency, in: transaction)
            decision = CreditPolicy.decide(orderAmount: priced.total, account: account.creditAccount, exposure: exposure)
        } else {
            decision = CreditPolicy.decide(orderAmount: priced.total, account: nil,
                                           exposure: CreditExposure(openReceivables: .zero(priced.currency), openApprovedOrders: .zero(priced.currency)))
        }
        let decidedAt = StableJSON.roundedToMilliseconds(Date())
        let record: CreditCheckRecord
        switch decision {
        case .approved:
            record = CreditCheckRecord(orderID: priced.orderID, customer: priced.customer, amount: priced.total, approved: true, reason: nil,
                                       detail: nil, decidedAt: decidedAt, held: priced.total)
        case .rejected(let reason, let detail):
            record = CreditCheckRecord(orderID: priced.orderID, customer: priced.customer, amount: priced.total, approved: false, reason: reason,
                                       detail: detail, decidedAt: decidedAt, held: .zero(priced.currency))
        }
        _ = try await store.insertCreditCheck(record, in: transaction)
        (record.approved ? approvals : rejections).increment()
        try await announce(record, causedBy: envelope, in: transaction)
    }

    private func announce(_ record: CreditCheckRecord, causedBy envelope: EventEnvelope<OrderPriced>, in transaction: PostgresTransaction) async throws {
        if record.approved {
            let event = CreditApproved(orderID: record.orderID, customer: record.customer, amount: record.amount, approvedAt: record.decidedAt)
            try await store.publish(EventEnvelope(payload: event, causedBy: envelope), in: transaction)
        } else {
            let event = CreditRejected(orderID: record.orderID, customer: record.customer, amount: record.amount,
                                       reason: record.reason ?? "credit-rejected", detail: record.detail ?? "credit rejected", rejectedAt: record.decidedAt)
            try await store.publish(EventEnvelope(payload: event, causedBy: envelope), in: transaction)
        }
    }
}
