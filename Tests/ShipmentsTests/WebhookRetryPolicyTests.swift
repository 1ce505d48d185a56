import Shipments
import Testing

/// Exponential backoff with jitter, capped, and the cut-off after the retry period — without servers.
@Suite("Webhook retry policy")
struct WebhookRetryPolicyTests {
    let policy = WebhookRetryPolicy(initial: .seconds(1), maximum: .seconds(60), period: .seconds(3600), jitterPercent: 0)

    @Test func theBackoffDoublesFromTheInitialDelayAndStopsAtTheMaximum() {
        var random = SystemRandomNumberGenerator()
        let delays = (1...9).map { policy.backoff(afterFailedAttempt: $0, random: &random) }
        #expect(delays == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32), .seconds(60), .seconds(60), .seconds(60)])
        #expect(policy.backoff(afterFailedAttempt: 0, random: &random) == .seconds(1))
        #expect(policy.backoff(afterFailedAttempt: Int.max, random: &random) == .seconds(60))
    }

    @Test func jitterStaysWithinItsShareAndNeverExceedsTheMaximum() {
        let jittered = WebhookRetryPolicy(initial: .seconds(10), maximum: .seconds(60), period: .seconds(3600), jitterPercent: 20)
        var random = SystemRandomNumberGenerator()
        var seen = Set<Duration>()
        for _ in 0..<200 {
            let delay = jittered.backoff(afterFailedAttempt: 1, random: &random)
            #expect(delay >= .seconds(8) && delay <= .seconds(12))
            seen.insert(delay)
            #expect(jittered.backoff(afterFailedAttempt: 10, random: &random) <= .seconds(60))
        }
        // Both directions occur (200 draws: the odds of missing one are about 2^-200).
        #expect(seen.contains { $0 < .seconds(10) } && seen.contains { $0 > .seconds(10) })
    }

    @Test func aFailureIsRetriedWhileTheNextAttemptStartsWithinTheRetryPeriod() {
        let short = WebhookRetryPolicy(initial: .seconds(1), maximum: .seconds(60), period: .seconds(10), jitterPercent: 0)
        var random = SystemRandomNumberGenerator()
        #expect(short.decision(afterFailedAttempt: 1, elapsed: .zero, random: &random) == .retry(after: .seconds(1)))
        // 6 s elapsed + 4 s backoff lands exactly on the end of the period: still allowed; a millisecond later is not.
        #expect(short.decision(afterFailedAttempt: 3, elapsed: .seconds(6), random: &random) == .retry(after: .seconds(4)))
        #expect(short.decision(afterFailedAttempt: 3, elapsed: .milliseconds(6001), random: &random) == .giveUp)
    }

    @Test func aFailureIsGivenUpWhenTheNextAttemptWouldStartAfterTheRetryPeriod() {
        let short = WebhookRetryPolicy(initial: .seconds(1), maximum: .seconds(60), period: .seconds(10), jitterPercent: 0)
        var random = SystemRandomNumberGenerator()
        // After the 4th failure the backoff is 8 s: from 2 s in, the retry starts at 10 s (allowed); from 3 s in, at 11 s.
        #expect(short.decision(afterFailedAttempt: 4, elapsed: .seconds(2), random: &random) == .retry(after: .seconds(8)))
        #expect(short.decision(afterFailedAttempt: 4, elapsed: .seconds(3), random: &random) == .giveUp)
        #expect(short.decision(afterFailedAttempt: 1, elapsed: .seconds(30), random: &random) == .giveUp)
    }

    @Test func theServiceSettingsMakeThePolicy() {
        var configuration = ShipmentsConfiguration()
        configuration.webhookRetryInitial = .milliseconds(50)
        configuration.webhookRetryMaximum = .milliseconds(200)
        configuration.webhookRetryPeriod = .seconds(5)
        let policy = WebhookRetryPolicy(configuration: configuration)
        #expect(policy.initial == .milliseconds(50) && policy.maximum == .milliseconds(200) && policy.period == .seconds(5))
    }
}
