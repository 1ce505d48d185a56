/// The deliveries of one `basic.consume`, as an `AsyncSequence`.
///
/// The broker sends at most `prefetch` unacknowledged messages, so the buffer stays bounded.
/// The subscription survives reconnects: after the connection comes back, consuming resumes on
/// the same sequence. It ends when ``cancel()`` is called or the connection is closed, and ends
/// with an error when the broker cancels the consumer (e.g. the queue was deleted).
public struct AMQPConsumer: AsyncSequence, Sendable {
    public typealias Element = Delivery
    public typealias Failure = any Error

    public let queue: String
    public let consumerTag: String
    let stream: AsyncThrowingStream<Delivery, any Error>
    let engine: ConnectionEngine

    /// Stops new deliveries (`basic.cancel`) and ends the sequence after what was already buffered.
    /// Deliveries not yet acknowledged stay with the broker until acknowledged or the connection closes.
    public func cancel() async {
        await engine.cancelConsumer(tag: consumerTag)
    }

    public func makeAsyncIterator() -> AsyncThrowingStream<Delivery, any Error>.AsyncIterator {
        stream.makeAsyncIterator()
    }
}
