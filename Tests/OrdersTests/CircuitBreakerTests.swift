import Testing
@testable import Orders

/// ``CircuitBreaker``: closed → open after consecutive failures, open rejects until it expires, then exactly one
/// half-open trial whose outcome closes or re-opens it. Every instant is passed explicitly.
@Suite("Circuit breaker")
struct CircuitBreakerTests {
    private let start = ContinuousClock.now

    /// A breaker opened at `start` (threshold 3, open for 30 s).
    private func openedBreaker() -> CircuitBreaker {
        var breaker = CircuitBreaker(failureThreshold: 3, openDuration: .seconds(30))
        for _ in 0..<3 { breaker.recordFailure(now: start) }
        return breaker
    }

    /// A breaker whose one half-open trial was permitted at `start + 30 s`.
    private func halfOpenBreaker() -> CircuitBreaker {
        var breaker = openedBreaker()
        _ = breaker.permit(now: start + .seconds(30))
        return breaker
    }

    // MARK: - Closed

    @Test func newBreakerIsClosedWithNoFailures() {
        let breaker = CircuitBreaker(failureThreshold: 3, openDuration: .seconds(30))
        #expect(breaker.state == .closed(consecutiveFailures: 0))
    }

    @Test func closedBreakerAllowsCalls() {
        var breaker = CircuitBreaker(failureThreshold: 3, openDuration: .seconds(30))
        #expect(breaker.permit(now: start) == .allowed)
        #expect(breaker.permit(now: start) == .allowed)
    }

    @Test func failuresBelowTheThresholdAreCountedAndKeepItClosed() {
        var breaker = CircuitBreaker(failureThreshold: 3, openDuration: .seconds(30))
        breaker.recordFailure(now: start)
        breaker.recordFailure(now: start)
        #expect(breaker.state == .closed(consecutiveFailures: 2))
        #expect(breaker.permit(now: start) == .allowed)
    }

    @Test func reachingTheThresholdOpensUntilNowPlusOpenDuration() {
        var breaker = CircuitBreaker(failureThreshold: 3, openDuration: .seconds(30))
        breaker.recordFailure(now: start)
        breaker.recordFailure(now: start + .seconds(1))
        breaker.recordFailure(now: start + .seconds(2))
        #expect(breaker.state == .open(until: start + .seconds(32)))
    }

    @Test func successResetsTheConsecutiveFailureCount() {
        var breaker = CircuitBreaker(failureThreshold: 3, openDuration: .seconds(30))
        breaker.recordFailure(now: start)
        breaker.recordFailure(now: start)
        breaker.recordSuccess()
        breaker.recordFailure(now: start)
        breaker.recordFailure(now: start)
        #expect(breaker.state == .closed(consecutiveFailures: 2))
    }

    @Test func thresholdOfOneOpensOnTheFirstFailure() {
        var breaker = CircuitBreaker(failureThreshold: 1, openDuration: .seconds(5))
        breaker.recordFailure(now: start)
        #expect(breaker.state == .open(until: start + .seconds(5)))
    }

    // MARK: - Open

    @Test func openBreakerRejectsWithTheTimeRemaining() {
        var breaker = openedBreaker()
        #expect(breaker.permit(now: start + .seconds(10)) == .rejected(retryAfter: .seconds(20)))
        #expect(breaker.state == .open(until: start + .seconds(30)))
    }

    @Test func openBreakerRejectsUntilTheLastNanosecond() {
        var breaker = openedBreaker()
        #expect(breaker.permit(now: start + .seconds(30) - .nanoseconds(1)) == .rejected(retryAfter: .nanoseconds(1)))
    }

    @Test func lateFailureWhileOpenDoesNotExtendTheOpenPeriod() {
        var breaker = openedBreaker()
        breaker.recordFailure(now: start + .seconds(20))
        #expect(breaker.state == .open(until: start + .seconds(30)))
    }

    // MARK: - Half-open

    @Test func expiredOpenBreakerAllowsOneTrialAndTurnsHalfOpen() {
        var breaker = openedBreaker()
        #expect(breaker.permit(now: start + .seconds(30)) == .allowed)
        #expect(breaker.state == .halfOpen)
    }

    @Test func halfOpenBreakerRejectsFurtherCallsWhileTheTrialIsInFlight() {
        var breaker = halfOpenBreaker()
        #expect(breaker.permit(now: start + .seconds(31)) == .rejected(retryAfter: .seconds(29)))
        #expect(breaker.permit(now: start + .seconds(45)) == .rejected(retryAfter: .seconds(15)))
        #expect(breaker.state == .halfOpen)
    }

    @Test func successfulTrialClosesTheBreaker() {
        var breaker = halfOpenBreaker()
        breaker.recordSuccess()
        #expect(breaker.state == .closed(consecutiveFailures: 0))
        #expect(breaker.permit(now: start + .seconds(31)) == .allowed)
    }

    @Test func failedTrialReopensForAnotherPeriodFromTheFailure() {
        var breaker = halfOpenBreaker()
        breaker.recordFailure(now: start + .seconds(32))
        #expect(breaker.state == .open(until: start + .seconds(62)))
        #expect(breaker.permit(now: start + .seconds(40)) == .rejected(retryAfter: .seconds(22)))
    }

    @Test func abandonedTrialIsReplacedAfterOneOpenDuration() {
        var breaker = halfOpenBreaker()
        #expect(breaker.permit(now: start + .seconds(60)) == .allowed)
        #expect(breaker.state == .halfOpen)
        #expect(breaker.permit(now: start + .seconds(61)) == .rejected(retryAfter: .seconds(29)))
    }

    @Test func downDependencyIsProbedOncePerOpenPeriod() {
        var breaker = openedBreaker()
        var allowedCalls = 0
        // Poll every second for 100 s; every permitted trial fails at once.
        for second in 0...100 {
            let now = start + .seconds(second)
            if breaker.permit(now: now) == .allowed {
                allowedCalls += 1
                breaker.recordFailure(now: now)
            }
        }
        // Trials at 30, 60 and 90 s.
        #expect(allowedCalls == 3)
    }
}
