import Testing

@testable import Messaging

@Suite("Publisher confirm tracking")
struct PublisherConfirmTrackerTests {
    private func outcomes(_ settled: [(Int, Result<Void, AMQPError>)]) -> [Int: Bool] {
        Dictionary(uniqueKeysWithValues: settled.map { ($0.0, (try? $0.1.get()) != nil) })
    }

    @Test func tagsAreNumberedFromOneInPublishOrder() {
        var tracker = PublisherConfirmTracker<Int>()
        #expect(tracker.register(messageID: "a", token: 10) == 1)
        #expect(tracker.register(messageID: "b", token: 11) == 2)
        #expect(tracker.count == 2)
    }

    @Test func multipleAckSettlesEveryTagUpToIt() {
        var tracker = PublisherConfirmTracker<Int>()
        for token in 1...5 { _ = tracker.register(messageID: "m\(token)", token: token) }
        let settled = tracker.acknowledge(tag: 3, multiple: true)
        #expect(outcomes(settled) == [1: true, 2: true, 3: true])
        #expect(tracker.count == 2)
    }

    @Test func singleAckSettlesOnlyItsTagEvenOutOfOrder() {
        var tracker = PublisherConfirmTracker<Int>()
        for token in 1...3 { _ = tracker.register(messageID: nil, token: token) }
        #expect(outcomes(tracker.acknowledge(tag: 2, multiple: false)) == [2: true])
        #expect(outcomes(tracker.acknowledge(tag: 3, multiple: true)) == [1: true, 3: true])
        #expect(tracker.count == 0)
    }

    @Test func nackFailsTheCoveredPublishes() {
        var tracker = PublisherConfirmTracker<Int>()
        for token in 1...3 { _ = tracker.register(messageID: nil, token: token) }
        let settled = tracker.negativeAcknowledge(tag: 2, multiple: true)
        #expect(outcomes(settled) == [1: false, 2: false])
        let error = settled.first.flatMap { if case .failure(let error) = $0.1 { error } else { nil } }
        #expect(error?.code == .publishNacked)
    }

    @Test func returnedMandatoryMessageFailsWhenItsAckArrives() {
        var tracker = PublisherConfirmTracker<Int>()
        _ = tracker.register(messageID: "routed", token: 1)
        _ = tracker.register(messageID: "lost", token: 2)
        tracker.noteReturned(messageID: "lost", replyCode: 312, replyText: "NO_ROUTE", routingKey: "x.y.z.v1")
        let settled = tracker.acknowledge(tag: 2, multiple: true)
        #expect(outcomes(settled) == [1: true, 2: false])
        let failure = settled.first { $0.0 == 2 }.flatMap { if case .failure(let error) = $0.1 { error } else { nil } }
        #expect(failure?.code == .unroutable)
        #expect(failure?.replyCode == 312)
    }

    @Test func duplicateAckIsIgnored() {
        var tracker = PublisherConfirmTracker<Int>()
        _ = tracker.register(messageID: nil, token: 1)
        #expect(tracker.acknowledge(tag: 1, multiple: false).count == 1)
        #expect(tracker.acknowledge(tag: 1, multiple: false).isEmpty)
    }

    @Test func failAllReturnsEveryUnsettledPublishAndRestartsNumbering() {
        var tracker = PublisherConfirmTracker<Int>()
        for token in 1...4 { _ = tracker.register(messageID: nil, token: token) }
        _ = tracker.acknowledge(tag: 2, multiple: false)
        #expect(tracker.failAll().sorted() == [1, 3, 4])
        #expect(tracker.count == 0)
        #expect(tracker.register(messageID: nil, token: 9) == 1)
    }

    @Test func manySequentialConfirmsKeepTagsAligned() {
        var tracker = PublisherConfirmTracker<Int>()
        for round in 0..<3000 {
            let tag = tracker.register(messageID: nil, token: round)
            #expect(tag == UInt64(round + 1))
            if round % 7 == 6 {
                #expect(tracker.acknowledge(tag: tag, multiple: true).count == 7)
            }
        }
    }
}
