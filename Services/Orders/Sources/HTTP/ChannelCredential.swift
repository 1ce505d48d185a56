/// Who is calling: a channel, proven by one of its API keys.
public struct ChannelCredential: Sendable, Hashable {
    /// The key's id (not secret): what rate limits and logs name.
    public var keyID: String
    /// The channel the key acts for; it sees and changes only that channel's orders.
    public var channel: String

    public init(keyID: String, channel: String) {
        self.keyID = keyID
        self.channel = channel
    }
}
