import Testing
@testable import Orders

/// ``RetryBackoff``: exponential growth from `initial`, capped at `maximum`, jitter within ±`jitterPercent` %
/// and always inside `0...maximum`. A seeded generator makes every run draw the same numbers.
@Suite("Retry backoff")
struct RetryBackoffTests {
    /// SplitMix64: a tiny deterministic generator so jittered delays are reproducible.
    private struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
            return mixed ^ (mixed >> 31)
        }
    }

    /// Delays for `attempts` with a fresh generator seeded with `seed`.
    private func delays(_ backoff: RetryBackoff, attempts: some Sequence<Int>, seed: UInt64 = 42) -> [Duration] {
        var generator = SeededGenerator(state: seed)
        return attempts.map { backoff.delay(afterAttempt: $0, random: &generator) }
    }

    // MARK: - Growth and cap

    @Test func delaysGrowByTheMultiplierFromTheInitialDelay() {
        let backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(60), jitterPercent: 0)
        #expect(delays(backoff, attempts: 1...5) == [100, 200, 400, 800, 1600].map { .milliseconds($0) })
    }

    @Test func customMultiplierIsUsed() {
        let backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(60), multiplier: 3, jitterPercent: 0)
        #expect(delays(backoff, attempts: 1...4) == [100, 300, 900, 2700].map { .milliseconds($0) })
    }

    @Test func multiplierOfOneKeepsTheDelayConstant() {
        let backoff = RetryBackoff(initial: .seconds(2), maximum: .seconds(60), multiplier: 1, jitterPercent: 0)
        #expect(delays(backoff, attempts: [1, 2, 50, 1_000_000]) == Array(repeating: .seconds(2), count: 4))
    }

    @Test func delaysAreCappedAtTheMaximum() {
        let backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(10), jitterPercent: 0)
        #expect(delays(backoff, attempts: 7...9) == [.milliseconds(6400), .seconds(10), .seconds(10)])
    }

    @Test func attemptsBelowOneUseTheInitialDelay() {
        let backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(10), jitterPercent: 0)
        #expect(delays(backoff, attempts: [0, -7, Int.min]) == Array(repeating: .milliseconds(100), count: 3))
    }

    @Test func hugeAttemptNumbersAndMultipliersDoNotOverflow() {
        let doubling = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(300), jitterPercent: 0)
        #expect(delays(doubling, attempts: [Int.max]) == [.seconds(300)])
        // (Int64.max / 2) s × Int.max overflows even 128-bit attoseconds.
        let enormousMultiplier = RetryBackoff(
            initial: .seconds(Int64.max / 2),
            maximum: .seconds(Int64.max),
            multiplier: .max,
            jitterPercent: 20
        )
        let capped = delays(enormousMultiplier, attempts: [2, 3])
        #expect(capped.filter { !(Duration.seconds(Int64.max / 10 * 8)...Duration.seconds(Int64.max)).contains($0) } == [])
    }

    @Test func initialAboveTheMaximumIsCapped() {
        let backoff = RetryBackoff(initial: .seconds(30), maximum: .seconds(10), jitterPercent: 0)
        #expect(delays(backoff, attempts: [1]) == [.seconds(10)])
    }

    @Test func zeroInitialDelayStaysZero() {
        let backoff = RetryBackoff(initial: .zero, maximum: .seconds(10))
        #expect(delays(backoff, attempts: [1, 5, 1_000]) == [.zero, .zero, .zero])
    }

    // MARK: - Jitter

    @Test func jitterStaysWithinThePercentageOfTheBaseDelay() {
        let backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(60), jitterPercent: 20)
        let jittered = delays(backoff, attempts: Array(repeating: 3, count: 2_000))
        #expect(jittered.filter { !(Duration.milliseconds(320)...Duration.milliseconds(480)).contains($0) } == [])
    }

    @Test func jitterSpreadsDelaysBelowAndAboveTheBaseDelay() {
        let backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(60), jitterPercent: 20)
        let jittered = delays(backoff, attempts: Array(repeating: 3, count: 2_000))
        #expect(jittered.contains { $0 < .milliseconds(340) })
        #expect(jittered.contains { $0 > .milliseconds(460) })
        #expect(Set(jittered.map(\.components.attoseconds)).count > 1_000)
    }

    @Test func jitteredDelayNeverExceedsTheMaximum() {
        let backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(10), jitterPercent: 20)
        let jittered = delays(backoff, attempts: Array(repeating: 30, count: 2_000))
        #expect(jittered.filter { !(Duration.seconds(8)...Duration.seconds(10)).contains($0) } == [])
        #expect(jittered.filter { $0 == .seconds(10) }.count > 500)
    }

    @Test func fullJitterSpansZeroToTwiceTheBaseDelayWithoutGoingNegative() {
        let backoff = RetryBackoff(initial: .milliseconds(10), maximum: .seconds(1), jitterPercent: 100)
        let jittered = delays(backoff, attempts: Array(repeating: 1, count: 2_000))
        #expect(jittered.filter { !(Duration.zero...Duration.milliseconds(20)).contains($0) } == [])
        #expect(jittered.contains { $0 < .milliseconds(1) })
        #expect(jittered.contains { $0 > .milliseconds(19) })
    }

    @Test func sameSeedGivesTheSameDelays() {
        let backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(60))
        #expect(delays(backoff, attempts: 1...10, seed: 7) == delays(backoff, attempts: 1...10, seed: 7))
        #expect(delays(backoff, attempts: 1...10, seed: 7) != delays(backoff, attempts: 1...10, seed: 8))
    }
}
