import Foundation
@testable import Shipments

/// Channel feed configurations for the tests, and a way to store one without the HTTP API.
enum ChannelFeedFixtures {
    static let secret = "shpss-feed-secret-0123456789"
    /// Beyond 2^53 (a `Double` would round it to a multiple of 1024) and 19 digits long: must arrive exactly.
    static let bigItemID: Int64 = 8_209_829_119_461_545_089
    static let hamburgLocationID: Int64 = 905_684_977

    /// A Shopify feed of both kinds mapping BOLT and NUT at HAM, as the API body.
    static func body(url: String, feeds: [String] = ["inventory", "fulfillment"], secret: String = secret) -> String {
        let kinds = feeds.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"{"format": "shopify", "url": "\#(url)", "secret": "\#(secret)", "feeds": [\#(kinds)], "inventoryItems": {"BOLT": \#(bigItemID), "NUT": 808950810}, "locations": {"HAM": \#(hamburgLocationID)}}"#
    }

    static func valid(url: String, feeds: [ChannelFeedKind] = [.inventory, .fulfillment]) -> ChannelFeedRequest.Valid {
        ChannelFeedRequest.Valid(
            format: .shopify, url: url, secret: secret, feeds: feeds, inventoryItems: ["BOLT": bigItemID, "NUT": 808_950_810],
            locations: ["HAM": hamburgLocationID]
        )
    }
}
