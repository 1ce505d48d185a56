import Contracts
import Orders
import Testing

/// ``OrderProcess/decide(status:steps:answered:approved:)``: the process manager's rule. `steps` already holds the
/// answer being handled (the manager records it before deciding), as it does in ``OrderProcessManager``.
@Suite("Order process decision")
struct OrderProcessTests {
    // MARK: - Helpers

    private let allPending: [OrderStep: StepState] = [.pricing: .pending, .inventory: .pending, .credit: .pending]

    private func steps(_ overrides: [OrderStep: StepState]) -> [OrderStep: StepState] {
        allPending.merging(overrides) { _, override in override }
    }

    /// Every ordering of `elements`.
    private func permutations<Element>(_ elements: [Element]) -> [[Element]] {
        guard elements.count > 1 else { return [elements] }
        return elements.indices.flatMap { index in
            var rest = elements
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }

    private func rejection(_ step: OrderStep) -> StepState {
        .rejected(code: "\(step.rawValue)-code", detail: "\(step.rawValue) said no")
    }

    private func reason(_ step: OrderStep) -> OrderRejected.Reason {
        OrderRejected.Reason(step: step.rawValue, code: "\(step.rawValue)-code", detail: "\(step.rawValue) said no")
    }

    // MARK: - Confirm

    @Test func threeApprovalsConfirmInEveryArrivalOrder() {
        let orders = permutations(OrderStep.allCases)
        #expect(orders.count == 6)
        for arrival in orders {
            var state = allPending
            var decisions: [OrderProcess.Decision] = []
            for step in arrival {
                state[step] = .approved
                decisions.append(OrderProcess.decide(status: .received, steps: state, answered: step, approved: true))
            }
            #expect(decisions == [.wait, .wait, .confirm], "arrival order \(arrival.map(\.rawValue))")
        }
    }

    @Test func aNeedsAttentionOrderIsConfirmedByTheLateLastApproval() {
        let state = steps([.pricing: .approved, .inventory: .approved, .credit: .approved])
        #expect(OrderProcess.decide(status: .needsAttention, steps: state, answered: .credit, approved: true) == .confirm)
    }

    @Test func aRepeatedApprovalWhenAllApprovedStillConfirmsAReceivedOrder() {
        // A duplicate delivery before the confirmation commits decides the same way; the manager's status change
        // (received → confirmed) is what makes the later repeat a no-op.
        let state = steps([.pricing: .approved, .inventory: .approved, .credit: .approved])
        #expect(OrderProcess.decide(status: .received, steps: state, answered: .pricing, approved: true) == .confirm)
    }

    // MARK: - Wait

    @Test func partialApprovalsWait() {
        let partial: [[OrderStep: StepState]] = [
            allPending,
            steps([.pricing: .approved]),
            steps([.inventory: .approved]),
            steps([.credit: .approved]),
            steps([.pricing: .approved, .inventory: .approved]),
            steps([.pricing: .approved, .credit: .approved]),
            steps([.inventory: .approved, .credit: .approved]),
        ]
        for state in partial {
            for step in OrderStep.allCases {
                #expect(OrderProcess.decide(status: .received, steps: state, answered: step, approved: true) == .wait, "steps \(state)")
                #expect(OrderProcess.decide(status: .needsAttention, steps: state, answered: step, approved: true) == .wait, "steps \(state)")
            }
        }
    }

    @Test func missingStepsCountAsUnanswered() {
        let state: [OrderStep: StepState] = [.pricing: .approved, .inventory: .approved]
        #expect(OrderProcess.decide(status: .received, steps: state, answered: .inventory, approved: true) == .wait)
    }

    // MARK: - Reject

    @Test func oneRejectionRejectsWithThatStepsReason() {
        for step in OrderStep.allCases {
            let state = steps([step: rejection(step)])
            let decision = OrderProcess.decide(status: .received, steps: state, answered: step, approved: false)
            #expect(decision == .reject([reason(step)]), "step \(step.rawValue)")
        }
    }

    @Test func rejectionReasonsUseTheStepRawValues() {
        let state = steps([.pricing: rejection(.pricing), .inventory: rejection(.inventory), .credit: rejection(.credit)])
        guard case .reject(let reasons) = OrderProcess.decide(status: .received, steps: state, answered: .credit, approved: false) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(reasons.map(\.step) == ["pricing", "inventory", "credit"])
        #expect(reasons.map(\.code) == ["pricing-code", "inventory-code", "credit-code"])
        #expect(reasons.map(\.detail) == ["pricing said no", "inventory said no", "credit said no"])
    }

    @Test func aRejectionAfterTwoApprovalsStillRejects() {
        let state = steps([.pricing: .approved, .inventory: .approved, .credit: .rejected(code: "credit_limit", detail: "over limit by 120.00 EUR")])
        let decision = OrderProcess.decide(status: .received, steps: state, answered: .credit, approved: false)
        #expect(decision == .reject([OrderRejected.Reason(step: "credit", code: "credit_limit", detail: "over limit by 120.00 EUR")]))
    }

    @Test func twoRejectionsAreBothReportedInStepOrder() {
        // Credit answered first, inventory second: the reasons still come in step order (pricing, inventory, credit).
        let state = steps([.inventory: rejection(.inventory), .credit: rejection(.credit)])
        let decision = OrderProcess.decide(status: .received, steps: state, answered: .inventory, approved: false)
        #expect(decision == .reject([reason(.inventory), reason(.credit)]))

        let pricingAndCredit = steps([.pricing: rejection(.pricing), .credit: rejection(.credit), .inventory: .approved])
        #expect(OrderProcess.decide(status: .received, steps: pricingAndCredit, answered: .pricing, approved: false)
            == .reject([reason(.pricing), reason(.credit)]))
    }

    @Test func anApprovalArrivingAfterARecordedRejectionStillRejects() {
        let state = steps([.inventory: rejection(.inventory), .pricing: .approved])
        #expect(OrderProcess.decide(status: .received, steps: state, answered: .pricing, approved: true) == .reject([reason(.inventory)]))
    }

    @Test func aNeedsAttentionOrderIsRejectedByALateRejection() {
        let state = steps([.pricing: .approved, .inventory: .approved, .credit: rejection(.credit)])
        #expect(OrderProcess.decide(status: .needsAttention, steps: state, answered: .credit, approved: false) == .reject([reason(.credit)]))
    }

    // MARK: - Closed orders

    @Test func aClosedOrderAnsweredWithAnInventoryOrCreditApprovalCompensatesAgain() {
        let state = steps([.pricing: rejection(.pricing), .inventory: .approved, .credit: .approved])
        for status in [OrderStatus.rejected, .cancelled] {
            for step in [OrderStep.inventory, .credit] {
                #expect(OrderProcess.decide(status: status, steps: state, answered: step, approved: true) == .compensateAgain,
                        "\(status.rawValue) answered by \(step.rawValue)")
            }
        }
    }

    @Test func aClosedOrderAnsweredWithAPricingApprovalDoesNothing() {
        let state = steps([.pricing: .approved, .inventory: rejection(.inventory)])
        for status in [OrderStatus.rejected, .cancelled] {
            #expect(OrderProcess.decide(status: status, steps: state, answered: .pricing, approved: true) == .nothing, "\(status.rawValue)")
        }
    }

    @Test func aClosedOrderAnsweredWithAnyRejectionDoesNothing() {
        let state = steps([.pricing: rejection(.pricing), .inventory: rejection(.inventory), .credit: rejection(.credit)])
        for status in [OrderStatus.rejected, .cancelled] {
            for step in OrderStep.allCases {
                #expect(OrderProcess.decide(status: status, steps: state, answered: step, approved: false) == .nothing,
                        "\(status.rawValue) answered by \(step.rawValue)")
            }
        }
    }

    @Test func aClosedOrderNeverConfirmsEvenWithAllThreeApproved() {
        let state = steps([.pricing: .approved, .inventory: .approved, .credit: .approved])
        #expect(OrderProcess.decide(status: .cancelled, steps: state, answered: .pricing, approved: true) == .nothing)
        #expect(OrderProcess.decide(status: .cancelled, steps: state, answered: .credit, approved: true) == .compensateAgain)
    }

    // MARK: - Orders past the steps

    @Test func anOrderPastTheStepsIgnoresEveryAnswer() {
        let answered = steps([.pricing: .approved, .inventory: .approved, .credit: .approved])
        let withRejection = steps([.pricing: .approved, .inventory: rejection(.inventory), .credit: .approved])
        let pastSteps: [OrderStatus] = [.confirmed, .erpPosted, .shipped, .invoiced, .completed, .returned, .refunded]
        for status in pastSteps {
            for step in OrderStep.allCases {
                #expect(OrderProcess.decide(status: status, steps: answered, answered: step, approved: true) == .nothing,
                        "\(status.rawValue) approved by \(step.rawValue)")
                #expect(OrderProcess.decide(status: status, steps: withRejection, answered: step, approved: false) == .nothing,
                        "\(status.rawValue) rejected by \(step.rawValue)")
            }
        }
    }
}
