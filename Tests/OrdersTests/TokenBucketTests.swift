import Testing
@testable import Orders

/// ``TokenBucket``: bursts up to `burst`, refills continuously at `ratePerSecond`, caps at `burst`, and says
/// exactly (to the nanosecond) when the next token is available. Every instant is passed explicitly.
@Suite("Token bucket")
struct TokenBucketTests {
    private let start = ContinuousClock.now

    /// Takes `count` tokens at `now`, returning how many were allowed.
    private func takeMany(_ count: Int, from bucket: inout TokenBucket, at now: ContinuousClock.Instant) -> Int {
        (0..<count).reduce(0) { allowed, _ in bucket.take(now: now) == .allowed ? allowed + 1 : allowed }
    }

    @Test func newBucketAllowsAFullBurstAtOnce() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 5, now: start)
        #expect(takeMany(5, from: &bucket, at: start) == 5)
    }

    @Test func requestBeyondTheBurstIsLimited() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 5, now: start)
        _ = takeMany(5, from: &bucket, at: start)
        #expect(bucket.take(now: start) == .limited(retryAfter: .milliseconds(100)))
    }

    @Test func retryAfterIsTheTimeUntilOneWholeToken() {
        var bucket = TokenBucket(ratePerSecond: 4, burst: 1, now: start)
        _ = bucket.take(now: start)
        // 250 ms per token; 100 ms of it have already refilled.
        #expect(bucket.take(now: start + .milliseconds(100)) == .limited(retryAfter: .milliseconds(150)))
    }

    @Test func tokenIsAvailableExactlyAtRetryAfterAndNotANanosecondSooner() {
        var bucket = TokenBucket(ratePerSecond: 3, burst: 1, now: start)
        _ = bucket.take(now: start)
        guard case .limited(let retryAfter) = bucket.take(now: start) else {
            Issue.record("an empty bucket must be limited")
            return
        }
        // 1/3 s is not a whole number of nanoseconds: the bucket rounds up to 333_333_334 ns.
        #expect(retryAfter == .nanoseconds(333_333_334))
        #expect(bucket.take(now: start + retryAfter - .nanoseconds(1)) == .limited(retryAfter: .nanoseconds(1)))
        #expect(bucket.take(now: start + retryAfter) == .allowed)
    }

    @Test func refillIsContinuousNotInWholeSecondSteps() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 10, now: start)
        _ = takeMany(10, from: &bucket, at: start)
        #expect(takeMany(10, from: &bucket, at: start + .milliseconds(300)) == 3)
    }

    @Test func refillNeverExceedsTheBurst() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 3, now: start)
        _ = takeMany(3, from: &bucket, at: start)
        #expect(takeMany(10, from: &bucket, at: start + .seconds(3600)) == 3)
    }

    @Test func sustainedRateMatchesRatePerSecond() {
        var bucket = TokenBucket(ratePerSecond: 5, burst: 1, now: start)
        var allowed = 0
        // One attempt every millisecond for 10 s after the initial token: 1 + 10 s × 5/s.
        for millisecond in 0...10_000 {
            if bucket.take(now: start + .milliseconds(millisecond)) == .allowed { allowed += 1 }
        }
        #expect(allowed == 51)
    }

    @Test func subNanosecondRefillIsNotLostBetweenFrequentCalls() {
        // Polled every 1000.5 ns: crediting only whole nanoseconds per call (and dropping the rest) would see
        // 0.999501 s pass instead of 1.00000075 s and allow 6 tokens instead of 7.
        var bucket = TokenBucket(ratePerSecond: 7, burst: 10, now: start)
        _ = takeMany(10, from: &bucket, at: start)
        let step = Duration.nanoseconds(1000) + Duration(attoseconds: 500_000_000)
        var now = start
        var allowed = 0
        for _ in 0..<999_501 {
            now += step
            if bucket.take(now: now) == .allowed { allowed += 1 }
        }
        #expect(allowed == 7)
    }

    @Test func limitedTakeDoesNotConsumeAnything() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 1, now: start)
        _ = bucket.take(now: start)
        for _ in 0..<100 { _ = bucket.take(now: start + .milliseconds(50)) }
        #expect(bucket.take(now: start + .milliseconds(100)) == .allowed)
    }

    @Test func instantEarlierThanTheLastRefillCreditsNothing() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 2, now: start)
        _ = takeMany(2, from: &bucket, at: start + .seconds(1))
        #expect(bucket.take(now: start) == .limited(retryAfter: .milliseconds(1100)))
        #expect(bucket.availableTokens(now: start + .seconds(1)) == 0)
    }

    @Test func availableTokensCountsWholeTokensWithoutTakingAny() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 5, now: start)
        _ = takeMany(5, from: &bucket, at: start)
        #expect(bucket.availableTokens(now: start + .milliseconds(250)) == 2)
        #expect(bucket.availableTokens(now: start + .milliseconds(250)) == 2)
    }

    @Test func bucketIsFullOnlyOnceTheTakenTokensHaveRefilled() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 5, now: start)
        _ = bucket.take(now: start)
        #expect(bucket.isFull(now: start) == false)
        #expect(bucket.isFull(now: start + .milliseconds(100) - .nanoseconds(1)) == false)
        #expect(bucket.isFull(now: start + .milliseconds(100)) == true)
    }

    @Test func highRatesDoNotOverflow() {
        var bucket = TokenBucket(ratePerSecond: 2_000_000_000, burst: 1_000_000, now: start)
        _ = takeMany(1_000, from: &bucket, at: start)
        #expect(bucket.availableTokens(now: start + .seconds(86_400 * 365)) == 1_000_000)
        #expect(bucket.take(now: start + .seconds(86_400 * 365)) == .allowed)
    }
}
