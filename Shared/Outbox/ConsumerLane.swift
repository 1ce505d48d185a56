import Synchronization

/// One lane of an ``EventConsumer``: the deliveries of the correlation ids that hash to it, in arrival order.
///
/// Unlike an `AsyncStream`, a lane hands its reader everything queued at once (up to a limit), so a busy lane handles
/// its backlog in one transaction instead of one per message, while a quiet lane still handles each message the
/// moment it arrives (a batch is never waited for).
final class ConsumerLane<Element: Sendable>: Sendable {
    private struct State {
        var queued: [Element] = []
        var reader: CheckedContinuation<[Element], Never>?
        var finished = false
    }

    private let state = Mutex(State())

    /// Queues an element (a delivery), waking the reader if it waits.
    func yield(_ element: Element) {
        let reader = state.withLock { state -> CheckedContinuation<[Element], Never>? in
            guard !state.finished else { return nil }
            if let reader = state.reader {
                state.reader = nil
                return reader
            }
            state.queued.append(element)
            return nil
        }
        reader?.resume(returning: [element])
    }

    /// No more deliveries: the reader gets what is queued, then an empty batch.
    func finish() {
        let reader = state.withLock { state -> CheckedContinuation<[Element], Never>? in
            state.finished = true
            defer { state.reader = nil }
            return state.reader
        }
        reader?.resume(returning: [])
    }

    /// The next deliveries, oldest first, at most `limit` (at least 1); waits while none are queued. Empty once the
    /// lane is finished and drained.
    func next(limit: Int) async -> [Element] {
        await withCheckedContinuation { (continuation: CheckedContinuation<[Element], Never>) in
            let batch = state.withLock { state -> [Element]? in
                if !state.queued.isEmpty {
                    let count = min(max(1, limit), state.queued.count)
                    let batch = Array(state.queued.prefix(count))
                    state.queued.removeFirst(count)
                    return batch
                }
                if state.finished { return [] }
                state.reader = continuation
                return nil
            }
            if let batch { continuation.resume(returning: batch) }
        }
    }
}
