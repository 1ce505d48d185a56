import Contracts
import Foundation
import SuiteDriver

/// Plays the world around one order: submits it as a channel would, then — as the warehouse and the payment gateway
/// would — dispatches its shipments once it is confirmed and pays its invoices once they are posted.
struct PeakDayOrderDriver: Sendable {
    let client: SuiteClient
    let pollInterval: Duration
    let deadline: Duration
    /// Shared by every order's driver: the polls of all of them together stay under its rate.
    let budget: PollBudget

    func drive(_ order: PeakDayPlan.Order) async -> PeakDayOutcome {
        var outcome = PeakDayOutcome(reference: order.reference, orderID: nil, result: .unfinished)
        let submission = OrderSubmission(channelOrderReference: order.reference, customer: order.customer, currency: "EUR", shipTo: order.shipTo, lines: order.lines)
        let started = ContinuousClock.now
        do {
            let acceptance = try await retryingWhenLimited { try await client.submitOrder(submission, idempotencyKey: order.reference) }
            outcome.intake = ContinuousClock.now - started
            outcome.orderID = acceptance.orderID
        } catch {
            outcome.intake = ContinuousClock.now - started
            outcome.result = .refused
            outcome.detail = "\(error)"
            return outcome
        }
        guard let orderID = outcome.orderID else { return outcome }
        let giveUp = ContinuousClock.now + deadline
        do {
            // Decided?
            var document = try await retryingWhenLimited { try await client.order(id: orderID) }
            while document.status == "received" || document.status == "needs_attention" {
                guard ContinuousClock.now < giveUp else {
                    outcome.detail = "still \(document.status)\(document.attentionReason.map { ": \($0)" } ?? "")"
                    return outcome
                }
                try await Task.sleep(for: pollInterval)
                await budget.take()
                document = try await retryingWhenLimited { try await client.order(id: orderID) }
            }
            if document.status == "rejected" || document.status == "cancelled" {
                outcome.result = .rejected
                outcome.detail = document.timeline.last?.detail
                return outcome
            }
            outcome.toConfirmed = Self.elapsed(document, to: "confirmed")
            // Dispatch every shipment as a whole.
            var shipments: [ShipmentDocument] = []
            while shipments.isEmpty {
                guard ContinuousClock.now < giveUp else {
                    outcome.detail = "confirmed, but no shipment appeared"
                    return outcome
                }
                await budget.take()
                shipments = try await retryingWhenLimited { try await client.shipments(orderID: orderID) }
                if shipments.isEmpty { try await Task.sleep(for: pollInterval) }
            }
            let skus = Dictionary(document.lines.map { ($0.lineNumber, $0.sku) }, uniquingKeysWith: { first, _ in first })
            for shipment in shipments {
                _ = try await retryingWhenLimited { try await client.postMilestone(shipmentID: shipment.id, MilestoneReport(eventID: "\(order.reference)-\(shipment.warehouse)-dispatched", type: .dispatched)) }
                outcome.dispatches += 1
                for line in shipment.lines { outcome.shippedUnits[skus[line.lineNumber] ?? line.sku, default: 0] += line.quantity }
            }
            // Invoiced (one invoice per dispatch)?
            var invoices = try await retryingWhenLimited { try await client.invoices(orderID: orderID) }
            while invoices.count < outcome.dispatches {
                guard ContinuousClock.now < giveUp else {
                    outcome.detail = "dispatched \(outcome.dispatches) time(s), \(invoices.count) invoice(s)"
                    return outcome
                }
                try await Task.sleep(for: pollInterval)
                await budget.take()
                invoices = try await retryingWhenLimited { try await client.invoices(orderID: orderID) }
            }
            outcome.invoices = invoices.count
            // Paid, by the gateway, referencing the order.
            let total = try Money.sum(invoices.map(\.total), in: try Currency(code: "EUR"))
            _ = try await retryingWhenLimited {
                try await client.postPayment(PaymentRequest(paymentID: "\(order.reference)-payment", customer: order.customer, amount: total, references: [orderID]))
            }
            // Finance's own issue time of the last invoice (orders may learn of it later).
            if let received = document.timeline.first(where: { $0.state == "received" })?.at, let issued = invoices.map(\.issuedAt).max() {
                outcome.toInvoiced = .milliseconds(Int64((issued.timeIntervalSince(received) * 1000).rounded()))
            }
            outcome.result = .paid
        } catch {
            outcome.detail = "\(error)"
        }
        return outcome
    }

    /// Runs `call` again after a second while the orders API answers 429 (its per-key rate limit), as a channel
    /// would; every call here is safe to repeat (an idempotency key, an event id, a payment id, or a read).
    func retryingWhenLimited<Value>(_ call: () async throws -> Value) async throws -> Value {
        while true {
            do {
                return try await call()
            } catch let error as SuiteClientError where error.status == 429 || error.status == 503 {
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// From the `received` entry to the first (or last) entry named `state`.
    static func elapsed(_ document: OrderDocument, to state: String, last: Bool = false) -> Duration? {
        guard let received = document.timeline.first(where: { $0.state == "received" })?.at else { return nil }
        let entries = document.timeline.filter { $0.state == state }
        guard let reached = (last ? entries.last : entries.first)?.at else { return nil }
        return .milliseconds(Int64((reached.timeIntervalSince(received) * 1000).rounded()))
    }
}
