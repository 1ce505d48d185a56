/// A `NOTIFY` received by a ``PostgresNotificationListener``.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel it was sent on (exactly as given to `NOTIFY`/`pg_notify`).
    public var channel: String
    /// The payload (empty when none was given).
    public var payload: String
    /// The server process of the session that sent it.
    public var backendPID: Int32

    public init(channel: String, payload: String, backendPID: Int32) {
        self.channel = channel
        self.payload = payload
        self.backendPID = backendPID
    }
}
