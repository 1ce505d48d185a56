import Contracts
import Logging
import Persistence

/// What a handler gets besides the event: the transaction its effects go into, the outbox for
/// the events it causes, and a logger carrying the correlation and event ids.
///
/// The inbox claim for the message is already in `transaction`; the consumer acknowledges the
/// message only after it commits.
public struct EventHandlerContext: Sendable {
    public let transaction: PostgresTransaction
    public let outbox: OutboxWriter
    public let header: EventEnvelopeHeader
    /// 1 for the first delivery; counts retries after handler failures.
    public let attempt: Int
    public let logger: Logger
}
