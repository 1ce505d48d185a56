/// The deliveries of one channel not yet acknowledged or rejected, in delivery order, so that a run of
/// acknowledgements can go to the broker as one `basic.ack` with `multiple` set.
///
/// A consumer acknowledges each message on its own, but the connection thread takes them in batches: when every
/// unsettled delivery up to tag T is acknowledged in the batch, one frame (`multiple`, T) replaces them all — one
/// socket write instead of one per message. Anything else (a rejection, an acknowledgement beyond a gap) is sent
/// on its own, exactly as asked.
struct UnsettledDeliveries {
    /// One frame to send.
    enum Frame: Equatable {
        case ack(tag: UInt64, multiple: Bool)
        case reject(tag: UInt64, requeue: Bool)
    }

    /// What the consumer asked for one delivery.
    enum Outcome: Equatable {
        case ack
        case requeue
        case discard
    }

    /// Tags in delivery order (the broker numbers a channel's deliveries upwards).
    private var tags: [UInt64] = []

    var count: Int { self.tags.count }

    /// Records a delivery handed to a consumer.
    mutating func delivered(_ tag: UInt64) {
        self.tags.append(tag)
    }

    /// Forgets every delivery (the connection they came on is gone; the broker requeued them).
    mutating func reset() {
        self.tags.removeAll(keepingCapacity: true)
    }

    /// The frames that settle `settlements` (in the order asked), folding the acknowledged prefix of the unsettled
    /// deliveries into one `multiple` acknowledgement, and forgets the settled deliveries.
    mutating func frames(for settlements: [(tag: UInt64, outcome: Outcome)]) -> [Frame] {
        guard !settlements.isEmpty else { return [] }
        var acknowledged: Set<UInt64> = []
        for settlement in settlements where settlement.outcome == .ack {
            acknowledged.insert(settlement.tag)
        }
        var prefixLength = 0
        while prefixLength < self.tags.count, acknowledged.contains(self.tags[prefixLength]) {
            prefixLength += 1
        }
        var frames: [Frame] = []
        var covered: Set<UInt64> = []
        if prefixLength > 0 {
            let last = self.tags[prefixLength - 1]
            frames.append(.ack(tag: last, multiple: prefixLength > 1))
            covered = Set(self.tags[0..<prefixLength])
        }
        var settled = covered
        for settlement in settlements {
            if settlement.outcome == .ack, covered.remove(settlement.tag) != nil { continue }
            switch settlement.outcome {
            case .ack: frames.append(.ack(tag: settlement.tag, multiple: false))
            case .requeue: frames.append(.reject(tag: settlement.tag, requeue: true))
            case .discard: frames.append(.reject(tag: settlement.tag, requeue: false))
            }
            settled.insert(settlement.tag)
        }
        self.tags.removeFirst(prefixLength)
        if settled.count > prefixLength {
            self.tags.removeAll { settled.contains($0) }
        }
        return frames
    }
}
