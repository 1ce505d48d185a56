/// A circuit breaker as a pure state machine; callers pass the current instant.
///
/// Why: when the ERP is down, the ERP poster stops hammering it. After `failureThreshold` consecutive failures
/// the breaker opens for `openDuration`; once that has passed it lets exactly one trial call through
/// (half-open). The trial's success closes the breaker; its failure opens it for another period. So a down ERP
/// is probed once per open period.
///
/// The caller must report every permitted call's outcome with ``recordSuccess()`` or
/// ``recordFailure(now:)``. A half-open trial whose outcome is never reported (say, its task was cancelled) is
/// treated as abandoned after `openDuration`, and the next permit starts a new trial, so a lost outcome cannot
/// wedge the breaker half-open forever. Keep the call's own timeout below `openDuration`.
public struct CircuitBreaker: Sendable {
    public enum State: Sendable, Equatable {
        /// Calls flow; `consecutiveFailures` failures have happened since the last success.
        case closed(consecutiveFailures: Int)
        /// Calls are rejected until `until`.
        case open(until: ContinuousClock.Instant)
        /// One trial call is in flight; further calls are rejected until it reports.
        case halfOpen
    }

    /// Whether a call may go ahead.
    public enum Permission: Sendable, Equatable {
        /// Make the call, then report its outcome.
        case allowed
        /// Do not call; ask again after `retryAfter`.
        case rejected(retryAfter: Duration)
    }

    /// Consecutive failures that open a closed breaker.
    public let failureThreshold: Int
    /// How long the breaker stays open before it allows a trial call.
    public let openDuration: Duration

    /// The current state.
    public private(set) var state: State

    /// When the half-open trial in flight was permitted; `nil` unless half-open.
    private var trialStartedAt: ContinuousClock.Instant?

    /// A closed breaker.
    ///
    /// - Precondition: `failureThreshold >= 1` and `openDuration >= .zero`; validate configuration first.
    public init(failureThreshold: Int, openDuration: Duration) {
        precondition(failureThreshold >= 1, "CircuitBreaker failureThreshold must be at least 1, got \(failureThreshold)")
        precondition(openDuration >= .zero, "CircuitBreaker openDuration must not be negative, got \(openDuration)")
        self.failureThreshold = failureThreshold
        self.openDuration = openDuration
        self.state = .closed(consecutiveFailures: 0)
    }

    /// Asks to make one call at `now`. Moves an expired open breaker to half-open and grants it the one trial.
    public mutating func permit(now: ContinuousClock.Instant) -> Permission {
        switch state {
        case .closed:
            return .allowed
        case .open(let until):
            if now < until {
                return .rejected(retryAfter: until - now)
            }
            state = .halfOpen
            trialStartedAt = now
            return .allowed
        case .halfOpen:
            let trialAbandonedAt = (trialStartedAt ?? now) + openDuration
            if now < trialAbandonedAt {
                return .rejected(retryAfter: trialAbandonedAt - now)
            }
            trialStartedAt = now
            return .allowed
        }
    }

    /// Reports that a permitted call succeeded: the breaker closes and the failure count resets.
    public mutating func recordSuccess() {
        state = .closed(consecutiveFailures: 0)
        trialStartedAt = nil
    }

    /// Reports that a permitted call failed at `now`.
    ///
    /// Closed: counts the failure and opens until `now + openDuration` on reaching `failureThreshold`.
    /// Half-open: the trial failed, so the breaker opens for another period. Open: a call permitted before the
    /// breaker opened failed late; the open period is left as it is.
    public mutating func recordFailure(now: ContinuousClock.Instant) {
        switch state {
        case .closed(let consecutiveFailures):
            let failures = consecutiveFailures + 1
            state = failures >= failureThreshold ? .open(until: now + openDuration) : .closed(consecutiveFailures: failures)
        case .halfOpen:
            state = .open(until: now + openDuration)
            trialStartedAt = nil
        case .open:
            break
        }
    }
}
