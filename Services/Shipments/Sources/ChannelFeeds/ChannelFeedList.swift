/// `GET /v1/channel-feeds`: every channel feed, by channel name (there is one per channel, so a handful).
public struct ChannelFeedList: Codable, Sendable, Hashable {
    public var channelFeeds: [ChannelFeed]

    public init(channelFeeds: [ChannelFeed]) {
        self.channelFeeds = channelFeeds
    }
}
