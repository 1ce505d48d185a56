@testable import Messaging
import Testing

@Suite("UnsettledDeliveries: acknowledgements folded into one multiple ack where that is exact")
struct UnsettledDeliveriesTests {
    private func delivered(_ tags: ClosedRange<UInt64>) -> UnsettledDeliveries {
        var deliveries = UnsettledDeliveries()
        for tag in tags { deliveries.delivered(tag) }
        return deliveries
    }

    @Test("every unsettled delivery acknowledged: one multiple ack for the last tag")
    func wholePrefixBecomesOneFrame() {
        var deliveries = self.delivered(1...5)
        let frames = deliveries.frames(for: [(3, .ack), (1, .ack), (2, .ack), (5, .ack), (4, .ack)])
        #expect(frames == [.ack(tag: 5, multiple: true)])
        #expect(deliveries.count == 0)
    }

    @Test("a single acknowledgement is sent without multiple")
    func singleAckIsNotMultiple() {
        var deliveries = self.delivered(1...3)
        #expect(deliveries.frames(for: [(1, .ack)]) == [.ack(tag: 1, multiple: false)])
        #expect(deliveries.count == 2)
    }

    @Test("an acknowledgement beyond an unsettled delivery is sent on its own, never covering the gap")
    func gapIsNeverCovered() {
        var deliveries = self.delivered(1...4)
        let frames = deliveries.frames(for: [(1, .ack), (2, .ack), (4, .ack)])
        #expect(frames == [.ack(tag: 2, multiple: true), .ack(tag: 4, multiple: false)])
        #expect(deliveries.count == 1)
        #expect(deliveries.frames(for: [(3, .ack)]) == [.ack(tag: 3, multiple: false)])
        #expect(deliveries.count == 0)
    }

    @Test("a rejection stops the fold and is sent as asked")
    func rejectionIsSentAsAsked() {
        var deliveries = self.delivered(1...4)
        let frames = deliveries.frames(for: [(1, .ack), (2, .requeue), (3, .ack), (4, .discard)])
        #expect(frames == [
            .ack(tag: 1, multiple: false), .reject(tag: 2, requeue: true), .ack(tag: 3, multiple: false), .reject(tag: 4, requeue: false),
        ])
        #expect(deliveries.count == 0)
    }

    @Test("the first unsettled delivery still open: nothing is folded")
    func openHeadPreventsFolding() {
        var deliveries = self.delivered(10...13)
        let frames = deliveries.frames(for: [(11, .ack), (12, .ack)])
        #expect(frames == [.ack(tag: 11, multiple: false), .ack(tag: 12, multiple: false)])
        #expect(deliveries.count == 2)
    }

    @Test("after a reset (new connection) nothing from before is folded")
    func resetForgetsEarlierDeliveries() {
        var deliveries = self.delivered(1...3)
        deliveries.reset()
        deliveries.delivered(1)
        deliveries.delivered(2)
        #expect(deliveries.frames(for: [(1, .ack), (2, .ack)]) == [.ack(tag: 2, multiple: true)])
    }

    @Test("an acknowledgement for a tag never recorded is passed on unchanged")
    func unknownTagPassedOn() {
        var deliveries = self.delivered(1...2)
        #expect(deliveries.frames(for: [(7, .ack)]) == [.ack(tag: 7, multiple: false)])
        #expect(deliveries.count == 2)
    }
}
