/// Publishes awaiting the broker's confirm on one channel, keyed by delivery tag.
///
/// RabbitMQ numbers the publishes of a confirm-mode channel 1, 2, 3, …; it acknowledges
/// (`basic.ack`) or rejects (`basic.nack`) them, singly or with `multiple` set for every tag up
/// to the given one. A mandatory message that reaches no queue comes back first as `basic.return`
/// and is then acknowledged: the tracker remembers returned message ids and fails the matching
/// publish when its ack arrives. rabbitmq-c 0.11 has no confirm-wait helper, hence this type.
struct PublisherConfirmTracker<Token> {
    private struct Entry {
        var tag: UInt64
        var messageID: String?
        var token: Token
    }

    /// Slot `i` holds the publish with tag `firstTag + i`, or nil once settled.
    private var slots: [Entry?] = []
    private var head = 0
    private var firstTag: UInt64 = 1
    private var unsettled = 0
    /// Returned mandatory messages whose ack has not arrived yet, by message id.
    private var returnedByMessageID: [String: [AMQPError]] = [:]
    /// Returned messages that carried no message id: matched to the next settled publish without one.
    private var returnedWithoutMessageID: [AMQPError] = []

    init() {}

    /// Number of publishes still waiting for a confirm.
    var count: Int { unsettled }

    /// The tag the next publish will get.
    var nextTag: UInt64 { firstTag + UInt64(slots.count) }

    /// Starts tracking the publish that was just sent; returns its delivery tag.
    mutating func register(messageID: String?, token: Token) -> UInt64 {
        let tag = nextTag
        slots.append(Entry(tag: tag, messageID: messageID, token: token))
        unsettled += 1
        return tag
    }

    /// Records a `basic.return`; the publish fails when its ack comes.
    mutating func noteReturned(messageID: String?, replyCode: UInt16, replyText: String, routingKey: String) {
        let error = AMQPError(.unroutable, "\(replyText) (routing key '\(routingKey)')", replyCode: replyCode)
        if let messageID {
            returnedByMessageID[messageID, default: []].append(error)
        } else {
            returnedWithoutMessageID.append(error)
        }
    }

    /// Settles a `basic.ack`: success, unless the message had been returned.
    mutating func acknowledge(tag: UInt64, multiple: Bool) -> [(Token, Result<Void, AMQPError>)] {
        settle(tag: tag, multiple: multiple) { entry, tracker in
            if let messageID = entry.messageID, var errors = tracker.returnedByMessageID[messageID], !errors.isEmpty {
                let error = errors.removeFirst()
                tracker.returnedByMessageID[messageID] = errors.isEmpty ? nil : errors
                return .failure(error)
            }
            if entry.messageID == nil, !tracker.returnedWithoutMessageID.isEmpty {
                return .failure(tracker.returnedWithoutMessageID.removeFirst())
            }
            return .success(())
        }
    }

    /// Settles a `basic.nack`: every covered publish fails.
    mutating func negativeAcknowledge(tag: UInt64, multiple: Bool) -> [(Token, Result<Void, AMQPError>)] {
        settle(tag: tag, multiple: multiple) { _, _ in
            .failure(AMQPError(.publishNacked, "the broker could not take responsibility for the message"))
        }
    }

    /// Fails every unsettled publish (the channel or connection is gone) and starts over at tag 1.
    mutating func failAll() -> [Token] {
        let tokens = slots[head...].compactMap { $0?.token }
        self = PublisherConfirmTracker()
        return tokens
    }

    private mutating func settle(
        tag: UInt64,
        multiple: Bool,
        outcome: (Entry, inout PublisherConfirmTracker) -> Result<Void, AMQPError>
    ) -> [(Token, Result<Void, AMQPError>)] {
        guard tag >= firstTag + UInt64(head) else { return [] }
        let lastIndex = Int(tag - firstTag)
        guard lastIndex < slots.count else { return [] }
        var settled: [(Token, Result<Void, AMQPError>)] = []
        let range = multiple ? head...lastIndex : lastIndex...lastIndex
        for index in range {
            guard let entry = slots[index] else { continue }
            slots[index] = nil
            unsettled -= 1
            settled.append((entry.token, outcome(entry, &self)))
        }
        compact()
        return settled
    }

    /// Drops settled slots from the front so memory stays proportional to what is in flight.
    private mutating func compact() {
        while head < slots.count, slots[head] == nil {
            head += 1
        }
        if head == slots.count {
            firstTag += UInt64(head)
            slots.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024, head * 2 > slots.count {
            firstTag += UInt64(head)
            slots.removeFirst(head)
            head = 0
        }
    }
}
