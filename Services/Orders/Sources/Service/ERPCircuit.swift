import Synchronization

/// The ERP poster's ``CircuitBreaker``, shared between its rounds (which run inside database transactions).
final class ERPCircuit: Sendable {
    private let breaker: Mutex<CircuitBreaker>

    init(failureThreshold: Int, openDuration: Duration) {
        breaker = Mutex(CircuitBreaker(failureThreshold: failureThreshold, openDuration: openDuration))
    }

    func permit() -> CircuitBreaker.Permission {
        breaker.withLock { $0.permit(now: .now) }
    }

    func recordSuccess() {
        breaker.withLock { $0.recordSuccess() }
    }

    func recordFailure() {
        breaker.withLock { $0.recordFailure(now: .now) }
    }

    var state: CircuitBreaker.State {
        breaker.withLock { $0.state }
    }
}
