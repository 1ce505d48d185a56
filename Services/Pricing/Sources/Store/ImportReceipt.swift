import Foundation

/// What a committed import made: the new price version and how much changed.
public struct ImportReceipt: Sendable, Hashable, Codable {
    public var version: Int64
    public var subject: String
    public var id: String
    /// What the import holds: SKUs of a price list, lines of an agreement, SKUs plus categories of a
    /// promotion, distinct members of a customer group.
    public var rows: Int
    /// `pricing.price.changed.v1` events published (price lists only).
    public var changedPrices: Int
    public var publishedAt: Date
}
