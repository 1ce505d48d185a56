import Testing
@testable import Outbox

/// The lane under the event consumer: what is queued comes out in order, in batches no larger than asked.
@Suite("Consumer lane")
struct ConsumerLaneTests {
    @Test func queuedElementsComeOutOldestFirstInBatchesOfAtMostTheLimit() async {
        let lane = ConsumerLane<Int>()
        for number in 1...5 { lane.yield(number) }
        #expect(await lane.next(limit: 3) == [1, 2, 3])
        #expect(await lane.next(limit: 3) == [4, 5])
    }

    @Test func aWaitingReaderGetsTheFirstElementAtOnceWithoutWaitingForABatch() async {
        let lane = ConsumerLane<Int>()
        async let batch = lane.next(limit: 16)
        // Give the reader time to start waiting; if it had already looked, the element is simply queued for it.
        try? await Task.sleep(for: .milliseconds(50))
        lane.yield(7)
        #expect(await batch == [7])
    }

    @Test func aFinishedLaneHandsOutWhatIsQueuedAndThenAnEmptyBatch() async {
        let lane = ConsumerLane<Int>()
        lane.yield(1)
        lane.yield(2)
        lane.finish()
        #expect(await lane.next(limit: 16) == [1, 2])
        #expect(await lane.next(limit: 16) == [])
    }

    @Test func finishingWakesAWaitingReaderWithAnEmptyBatch() async {
        let lane = ConsumerLane<Int>()
        async let batch = lane.next(limit: 16)
        try? await Task.sleep(for: .milliseconds(50))
        lane.finish()
        #expect(await batch == [])
    }
}
