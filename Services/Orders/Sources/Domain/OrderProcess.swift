import Contracts

/// The order process manager's rule, pure: given where the order stands and what each step answered, what to do.
///
/// Answers may arrive in any order and more than once; the first answer of a step counts. The order is confirmed when
/// all three approved, rejected as soon as one rejected (with every rejection known by then), and otherwise waits.
/// Once rejected or cancelled, a late approval that holds something (stock, credit) is answered with the compensating
/// event again, so the hold is released even if it was taken after the first compensation went out.
public enum OrderProcess {
    public enum Decision: Sendable, Hashable {
        case wait
        case confirm
        case reject([OrderRejected.Reason])
        /// Publish the order's closing event again: a hold was taken after the order was closed.
        case compensateAgain
        case nothing
    }

    public static func decide(status: OrderStatus, steps: [OrderStep: StepState], answered step: OrderStep, approved: Bool) -> Decision {
        if status.isClosed {
            return approved && step != .pricing ? .compensateAgain : .nothing
        }
        guard status.isAwaitingSteps else { return .nothing }
        let rejections = OrderStep.allCases.compactMap { step -> OrderRejected.Reason? in
            guard case .rejected(let code, let detail) = steps[step] else { return nil }
            return OrderRejected.Reason(step: step.rawValue, code: code, detail: detail)
        }
        if !rejections.isEmpty { return .reject(rejections) }
        if OrderStep.allCases.allSatisfy({ steps[$0] == .approved }) { return .confirm }
        return .wait
    }
}
