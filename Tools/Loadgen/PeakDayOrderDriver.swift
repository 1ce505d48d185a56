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
            // Confirmed? Its shipments appear (the warehouse's view, from the shipments service). The order itself is
            // read only every fourth look, to notice a rejection, and once more at the end for its timeline: order
            // reads are the orders service's most expensive request, and a channel does not need one per second.
            // The first look waits a poll interval too: a shipment exists only after pricing, inventory and finance
            // have answered, and a look at once would only ever add a GET to the load it measures.
            var shipments: [ShipmentDocument] = []
            var looks = 0
            while shipments.isEmpty {
                guard ContinuousClock.now < giveUp else {
                    outcome.detail = "no shipment appeared"
                    return outcome
                }
                try await Task.sleep(for: pollInterval)
                looks += 1
                await budget.take()
                shipments = try await retryingWhenLimited { try await client.shipments(orderID: orderID) }
                if shipments.isEmpty, looks % 4 == 0 {
                    await budget.take()
                    let document = try await retryingWhenLimited { try await client.order(id: orderID) }
                    if document.status == "rejected" || document.status == "cancelled" {
                        outcome.result = .rejected
                        outcome.detail = document.timeline.last?.detail
                        return outcome
                    }
                }
            }
            for shipment in shipments {
                _ = try await retryingWhenLimited { try await client.postMilestone(shipmentID: shipment.id, MilestoneReport(eventID: "\(order.reference)-\(shipment.warehouse)-dispatched", type: .dispatched)) }
                outcome.dispatches += 1
                for line in shipment.lines { outcome.shippedUnits[line.sku, default: 0] += line.quantity }
            }
            // Invoiced (one invoice per dispatch)? Finance invoices as it hears of each dispatch, so again the first
            // look waits a poll interval.
            var invoices: [InvoiceDocument] = []
            repeat {
                guard ContinuousClock.now < giveUp else {
                    outcome.detail = "dispatched \(outcome.dispatches) time(s), \(invoices.count) invoice(s)"
                    return outcome
                }
                try await Task.sleep(for: pollInterval)
                await budget.take()
                invoices = try await retryingWhenLimited { try await client.invoices(orderID: orderID) }
            } while invoices.count < outcome.dispatches
            outcome.invoices = invoices.count
            // Paid, by the gateway, referencing the order.
            let total = try Money.sum(invoices.map(\.total), in: try Currency(code: "EUR"))
            _ = try await retryingWhenLimited {
                try await client.postPayment(PaymentRequest(paymentID: "\(order.reference)-payment", customer: order.customer, amount: total, references: [orderID]))
            }
            // The order's timeline, once: when it was received and confirmed. Finance's own issue time of the last
            // invoice (orders may learn of it later).
            let document = try await retryingWhenLimited { try await client.order(id: orderID) }
            outcome.toConfirmed = Self.elapsed(document, to: "confirmed")
            if let received = document.timeline.first(where: { $0.state == "received" })?.at, let issued = invoices.map(\.issuedAt).max() {
                outcome.toInvoiced = .milliseconds(Int64((issued.timeIntervalSince(received) * 1000).rounded()))
            }
            outcome.result = .paid
        } catch {
            outcome.detail = "\(error)"
        }
        return outcome
    }

    /// Runs `call` again after a second while the orders API answers 429 (its per-key rate limit) or 503, as a channel
    /// would, and after a call that got no answer (a timeout under load), up to five times in a row; every call here
    /// is safe to repeat (an idempotency key, an event id, a payment id, or a read).
    func retryingWhenLimited<Value>(_ call: () async throws -> Value) async throws -> Value {
        var unanswered = 0
        while true {
            do {
                return try await call()
            } catch let error as SuiteClientError where error.status == 429 || error.status == 503 {
                try await Task.sleep(for: .seconds(1))
            } catch SuiteClientError.unreachable(let request, let reason) {
                unanswered += 1
                guard unanswered < 5 else { throw SuiteClientError.unreachable(request: request, reason: "\(reason); 5 attempts") }
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
