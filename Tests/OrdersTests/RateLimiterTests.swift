import Testing
@testable import Orders

/// ``RateLimiter``: one bucket per key, keys do not share tokens, and full buckets are forgotten without
/// changing any decision. Instants are passed explicitly except where the real clock is the point.
@Suite("Rate limiter")
struct RateLimiterTests {
    private let start = ContinuousClock.now

    @Test func keyIsLimitedAfterItsBurst() async {
        let limiter = RateLimiter(ratePerSecond: 10, burst: 2)
        #expect(await limiter.take(key: "channel-a", now: start) == .allowed)
        #expect(await limiter.take(key: "channel-a", now: start) == .allowed)
        #expect(await limiter.take(key: "channel-a", now: start) == .limited(retryAfter: .milliseconds(100)))
    }

    @Test func oneKeysFloodDoesNotLimitAnotherKey() async {
        let limiter = RateLimiter(ratePerSecond: 1, burst: 1)
        _ = await limiter.take(key: "flooder", now: start)
        #expect(await limiter.take(key: "flooder", now: start) == .limited(retryAfter: .seconds(1)))
        #expect(await limiter.take(key: "quiet", now: start) == .allowed)
    }

    @Test func limitedKeyRecoversAfterRetryAfter() async {
        let limiter = RateLimiter(ratePerSecond: 2, burst: 1)
        _ = await limiter.take(key: "key", now: start)
        #expect(await limiter.take(key: "key", now: start + .milliseconds(499)) == .limited(retryAfter: .milliseconds(1)))
        #expect(await limiter.take(key: "key", now: start + .milliseconds(500)) == .allowed)
    }

    @Test func takeWithTheLimitersOwnClockAllowsTheFirstRequest() async {
        let limiter = RateLimiter(ratePerSecond: 1, burst: 1)
        #expect(await limiter.take(key: "key") == .allowed)
        if case .limited(let retryAfter) = await limiter.take(key: "key") {
            #expect(retryAfter > .zero && retryAfter <= .seconds(1))
        } else {
            Issue.record("a second take within the same second must be limited")
        }
    }

    @Test func pruneForgetsBucketsThatHaveRefilled() async {
        let limiter = RateLimiter(ratePerSecond: 10, burst: 5)
        for index in 0..<100 { _ = await limiter.take(key: "key-\(index)", now: start) }
        #expect(await limiter.trackedKeyCount == 100)
        // One token each; full again after 100 ms.
        await limiter.prune(now: start + .milliseconds(100))
        #expect(await limiter.trackedKeyCount == 0)
    }

    @Test func pruneKeepsBucketsStillRefilling() async {
        let limiter = RateLimiter(ratePerSecond: 1, burst: 3)
        _ = await limiter.take(key: "busy", now: start)
        _ = await limiter.take(key: "idle", now: start - .seconds(10))
        await limiter.prune(now: start + .milliseconds(999))
        #expect(await limiter.trackedKeyCount == 1)
    }

    @Test func pruningDoesNotResetALimitedKey() async {
        let limiter = RateLimiter(ratePerSecond: 1, burst: 1, pruneInterval: 1)
        _ = await limiter.take(key: "key", now: start)
        await limiter.prune(now: start + .milliseconds(500))
        #expect(await limiter.take(key: "key", now: start + .milliseconds(500)) == .limited(retryAfter: .milliseconds(500)))
    }

    @Test func takesSweepRefilledBucketsAutomatically() async {
        let limiter = RateLimiter(ratePerSecond: 100, burst: 1, pruneInterval: 10)
        for index in 0..<10 { _ = await limiter.take(key: "burst-\(index)", now: start) }
        #expect(await limiter.trackedKeyCount == 10)
        // 10 ms later those ten buckets are full again. A sweep is due once the takes since the last one reach
        // max(pruneInterval, tracked keys) = 11; it forgets them and keeps the still-empty "later" bucket.
        for _ in 0..<11 { _ = await limiter.take(key: "later", now: start + .milliseconds(10)) }
        #expect(await limiter.trackedKeyCount == 1)
    }

    @Test func memoryStaysBoundedAcrossManyOneOffKeys() async {
        let limiter = RateLimiter(ratePerSecond: 1_000, burst: 1, pruneInterval: 64)
        for index in 0..<10_000 {
            _ = await limiter.take(key: "one-off-\(index)", now: start + .milliseconds(index))
        }
        // Each key refills within 1 ms, so at most the keys since the last sweep remain.
        #expect(await limiter.trackedKeyCount <= 64)
    }
}
