import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit

/// The channel feed API: a channel (by the name its orders carry) configures where and how its stock levels and
/// fulfillment notifications are sent.
///
/// | route | answer |
/// |---|---|
/// | `PUT /v1/channel-feeds/{channel}` ``ChannelFeedRequest`` | 201 with the feed when created, 200 when replaced or unchanged (idempotent); 422 listing every invalid field |
/// | `GET /v1/channel-feeds` | every feed, by channel |
/// | `GET /v1/channel-feeds/{channel}` | the feed (never the secret); 404 |
/// | `DELETE /v1/channel-feeds/{channel}` | 200 with the feed as it was, now inactive: its subscription is removed (pending deliveries `failed`); 404 |
///
/// Delivery status is the webhook API's: `GET /v1/webhook-deliveries?subscription=<subscriptionID>`. A new feed
/// hears of stock changes and dispatches from then on; nothing is back-filled.
public struct ChannelFeedRoutes: Sendable {
    public let pool: PostgresPool
    private let store = ChannelFeedStore()

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func register(on router: ServiceRouter) {
        router.put("/v1/channel-feeds/:channel") { request, context in
            let channel = try Self.channel(context.parameters.require("channel"))
            let body = try await StableJSONRequestDecoder.jsonBody(of: request, context: context)
            let valid = try ChannelFeedRequest.validated(try Self.json(body))
            let outcome = try await store.upsert(channel: channel, valid, on: pool)
            var response = try StableJSONResponseEncoder.response(outcome.feed, status: { if case .created = outcome { .created } else { .ok } }())
            if case .created = outcome { response.headers[.location] = "/v1/channel-feeds/\(channel)" }
            return response
        }
        router.get("/v1/channel-feeds") { _, _ in
            try StableJSONResponseEncoder.response(ChannelFeedList(channelFeeds: try await store.feeds(on: pool)), status: .ok)
        }
        router.get("/v1/channel-feeds/:channel") { _, context in
            let channel = try context.parameters.require("channel")
            guard ChannelFeedRequest.isIdentifier(channel), let feed = try await store.feed(channel: channel, on: pool) else { throw Self.notFound(channel) }
            return try StableJSONResponseEncoder.response(feed, status: .ok)
        }
        router.delete("/v1/channel-feeds/:channel") { _, context in
            let channel = try context.parameters.require("channel")
            guard ChannelFeedRequest.isIdentifier(channel), let feed = try await store.remove(channel: channel, on: pool) else { throw Self.notFound(channel) }
            return try StableJSONResponseEncoder.response(feed, status: .ok)
        }
    }

    /// The channel of the path when it is a valid name; a 422 naming the path parameter otherwise.
    static func channel(_ text: String) throws(ProblemDetails) -> String {
        guard ChannelFeedRequest.isIdentifier(text) else {
            throw .validationFailed([.init(pointer: "{channel}", detail: "\"\(text)\" is not a channel name: 1 to 64 letters, digits and - _ . : (the channel orders carry)")])
        }
        return text
    }

    static func json(_ body: ByteBuffer) throws -> JSONValue {
        do {
            return try JSONValue(data: Data(body.readableBytesView))
        } catch {
            throw ProblemDetails.invalidRequestBody("The body is not valid JSON; send the channel feed as a JSON object.", errors: [.init(pointer: "", detail: "not valid JSON")])
        }
    }

    static func notFound(_ channel: String) -> ProblemDetails {
        ProblemDetails(type: "urn:wholesail:problem:channel-feed-not-found", title: "Channel feed not found", status: .notFound,
                       detail: "No channel feed for \(channel); create one with PUT /v1/channel-feeds/\(channel).")
    }
}
