/// Everything that can go wrong talking to RabbitMQ, said so that an operator knows what to do.
///
/// Publishing callers care mostly about one distinction: ``isRetryable`` errors (the broker was
/// unreachable, the connection dropped before the confirm arrived) mean "publish again later";
/// the others (an unroutable mandatory message, a negative acknowledgement, a refused declaration)
/// point at configuration.
public struct AMQPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: Sendable, Hashable {
        /// The configuration (usually the URL) is malformed.
        case invalidConfiguration
        /// No connection to the broker could be opened or logged in.
        case connectionFailed
        /// The connection is down (reconnecting); nothing was sent.
        case notConnected
        /// The connection dropped while this operation was in flight; the broker may or may not have it.
        case connectionLost
        /// The broker rejected the published message (`basic.nack`).
        case publishNacked
        /// A mandatory message could not be routed to any queue (`basic.return`).
        case unroutable
        /// The broker closed the channel or connection because of an operation (e.g. a declaration mismatch).
        case brokerRefused
        /// The connection was closed by the application.
        case closed
        /// The operation did not complete within its deadline.
        case timeout
    }

    public var code: Code
    /// Human-readable detail: the broker's reply text, rabbitmq-c's error string, the bad URL part.
    public var message: String
    /// AMQP reply code where the broker gave one (e.g. 312 NO_ROUTE, 406 PRECONDITION_FAILED).
    public var replyCode: UInt16?

    public init(_ code: Code, _ message: String, replyCode: UInt16? = nil) {
        self.code = code
        self.message = message
        self.replyCode = replyCode
    }

    /// True when trying again later (after a reconnect) is the right reaction.
    public var isRetryable: Bool {
        switch code {
        case .connectionFailed, .notConnected, .connectionLost, .timeout, .publishNacked: true
        case .invalidConfiguration, .unroutable, .brokerRefused, .closed: false
        }
    }

    public var description: String {
        let reply = replyCode.map { " (AMQP reply \($0))" } ?? ""
        switch code {
        case .invalidConfiguration:
            return "invalid AMQP configuration: \(message)"
        case .connectionFailed:
            return "cannot connect to RabbitMQ: \(message); check WHOLESAIL_AMQP_URL and that the broker runs (deploy/local/stack up)"
        case .notConnected:
            return "not connected to RabbitMQ (reconnecting): \(message); retry later"
        case .connectionLost:
            return "connection to RabbitMQ lost before the broker confirmed: \(message); the operation must be retried"
        case .publishNacked:
            return "RabbitMQ refused the message (basic.nack): \(message); retry later"
        case .unroutable:
            return "message could not be routed to any queue\(reply): \(message); check the bindings (wholesailctl topology declare)"
        case .brokerRefused:
            return "RabbitMQ refused the operation\(reply): \(message)"
        case .closed:
            return "AMQP connection closed: \(message)"
        case .timeout:
            return "AMQP operation timed out: \(message)"
        }
    }
}
